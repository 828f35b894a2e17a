package dev.rt.monitor;

/**
 * Receives every dead letter, on the thread that produced it. Keep it quick and non-blocking; an
 * exception it throws is caught and counted, never propagated.
 */
@FunctionalInterface
public interface DeadLetterListener {

    /**
     * @param deadLetter the message that was not handled
     */
    void onDeadLetter(DeadLetter deadLetter);
}
