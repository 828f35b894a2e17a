package dev.rt;

/** An actor factory threw or returned null. */
public final class ActorInitializationException extends RtException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do
     */
    public ActorInitializationException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public ActorInitializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
