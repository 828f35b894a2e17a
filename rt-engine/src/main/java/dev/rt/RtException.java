package dev.rt;

/** The base of rt's runtime exceptions. */
public class RtException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do
     */
    public RtException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public RtException(String message, Throwable cause) {
        super(message, cause);
    }
}
