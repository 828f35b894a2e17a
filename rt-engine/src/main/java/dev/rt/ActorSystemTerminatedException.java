package dev.rt;

/** The actor system is terminating or terminated and takes no new actors. */
public final class ActorSystemTerminatedException extends RtException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do
     */
    public ActorSystemTerminatedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public ActorSystemTerminatedException(String message, Throwable cause) {
        super(message, cause);
    }
}
