package dev.rt;

/** A sibling with the same name is alive. */
public final class DuplicateActorNameException extends RtException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do
     */
    public DuplicateActorNameException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public DuplicateActorNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
