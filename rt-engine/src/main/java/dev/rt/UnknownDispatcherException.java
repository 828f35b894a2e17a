package dev.rt;

/** No dispatcher of that name is registered on the system. */
public final class UnknownDispatcherException extends RtException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do
     */
    public UnknownDispatcherException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public UnknownDispatcherException(String message, Throwable cause) {
        super(message, cause);
    }
}
