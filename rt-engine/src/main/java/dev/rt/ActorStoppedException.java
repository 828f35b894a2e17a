package dev.rt;

/** The actor asked has stopped; the request was dead-lettered. */
public final class ActorStoppedException extends RtException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do
     */
    public ActorStoppedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public ActorStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
