package dev.rt.spring;

/**
 * The rt runtime could not start: the message says what went wrong and {@link #action()} what to do.
 * Spring Boot's failure analysis prints both.
 */
public class RtStartupException extends RuntimeException {

    private final String action;

    /**
     * @param description what went wrong
     * @param action what to do about it
     * @param cause the underlying error, or {@code null}
     */
    public RtStartupException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** @return what to do about it */
    public String action() {
        return action;
    }
}
