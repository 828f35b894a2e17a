package dev.rt.spring;

/**
 * A configuration value of rt is invalid: a property under {@code rt.*} or an {@link RtActor}
 * attribute. Names the property, the value, why it is wrong and what to do.
 */
public class InvalidRtConfigurationException extends RtStartupException {

    private final String property;
    private final transient Object value;

    /**
     * @param property the property, such as {@code rt.default-mailbox.capacity} or
     *                 {@code @RtActor(supervisor) on com.example.Orders}
     * @param value the invalid value, or {@code null}
     * @param reason why it is invalid
     * @param action what to do
     */
    public InvalidRtConfigurationException(String property, Object value, String reason, String action) {
        this(property, value, reason, action, null);
    }

    /**
     * @param property the property
     * @param value the invalid value, or {@code null}
     * @param reason why it is invalid
     * @param action what to do
     * @param cause the underlying error, or {@code null}
     */
    public InvalidRtConfigurationException(String property, Object value, String reason, String action,
                                           Throwable cause) {
        super("Invalid rt configuration: " + property + (value == null ? "" : " = '" + value + "'") + ": " + reason,
                action, cause);
        this.property = property;
        this.value = value;
    }

    /** @return the property or annotation attribute at fault */
    public String property() {
        return property;
    }

    /** @return the invalid value, or {@code null} */
    public Object value() {
        return value;
    }
}
