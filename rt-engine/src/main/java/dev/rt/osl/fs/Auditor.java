package dev.rt.osl.fs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands events to the {@link AuditListener}; a listener that throws is counted and logged, never propagated. */
final class Auditor {

    private static final Logger LOG = LoggerFactory.getLogger(Slf4jAuditListener.LOGGER_NAME);

    private final AuditListener listener;
    private final FileSystemStats stats;

    Auditor(AuditListener listener, FileSystemStats stats) {
        this.listener = listener;
        this.stats = stats;
    }

    void emit(AuditEvent event) {
        try {
            listener.onEvent(event);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            stats.auditFailed();
            long failures = stats.auditFailures();
            if (Long.bitCount(failures) == 1) { // 1, 2, 4, 8, ...: visible without flooding the log
                LOG.warn("audit listener failed ({} failures so far): {}", failures, t.toString());
            }
        }
    }
}
