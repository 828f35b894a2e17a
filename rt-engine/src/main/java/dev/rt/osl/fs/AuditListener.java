package dev.rt.osl.fs;

/**
 * Receives every {@link AuditEvent}. Called on the file service's worker thread after the reply was sent;
 * an exception it throws is caught and counted ({@link FileSystemStats#auditFailures()}), never passed on
 * to the requester. Keep it quick: a slow listener delays the next operations of that worker.
 */
@FunctionalInterface
public interface AuditListener {

    /**
     * @param event what happened
     */
    void onEvent(AuditEvent event);
}
