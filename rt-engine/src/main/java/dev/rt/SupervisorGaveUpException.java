package dev.rt;

/** A supervisor exceeded its restart intensity; carried to its own supervisor as the failure cause. */
public final class SupervisorGaveUpException extends RtException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the supervisor and its intensity
     * @param cause the last child failure
     */
    public SupervisorGaveUpException(String message, Throwable cause) {
        super(message, cause);
    }
}
