package dev.rt;

/** A bounded mailbox had no room for a message (strategy FAIL, or BLOCK timed out). */
public final class MailboxFullException extends RtException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do
     */
    public MailboxFullException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public MailboxFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
