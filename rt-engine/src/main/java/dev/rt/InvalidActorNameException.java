package dev.rt;

/** An actor name is empty, too long or has a character that is not allowed. */
public final class InvalidActorNameException extends RtException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do
     */
    public InvalidActorNameException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public InvalidActorNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
