package dev.rt.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * How long the testkit waits. Every default timeout is multiplied by the {@linkplain #timeFactor() time
 * factor}, so a slow CI machine can stretch all waits at once without editing tests.
 *
 * <p>Each value is read from, first match wins: a system property, an environment variable, the
 * classpath file {@value #FILE}, then the default:
 * <table>
 * <caption>Settings</caption>
 * <tr><th>system property / file key</th><th>environment variable</th><th>default</th></tr>
 * <tr><td>{@code rt.test.timefactor}</td><td>{@code RT_TEST_TIMEFACTOR}</td><td>1.0</td></tr>
 * <tr><td>{@code rt.test.single-expect-default}</td><td>{@code RT_TEST_SINGLE_EXPECT_DEFAULT}</td><td>3s</td></tr>
 * <tr><td>{@code rt.test.expect-no-message-default}</td><td>{@code RT_TEST_EXPECT_NO_MESSAGE_DEFAULT}</td>
 * <td>100ms</td></tr>
 * <tr><td>{@code rt.test.shutdown-timeout}</td><td>{@code RT_TEST_SHUTDOWN_TIMEOUT}</td><td>10s</td></tr>
 * </table>
 * Durations are written {@code 500ms}, {@code 3s}, {@code 1m} or ISO-8601 ({@code PT3S}).
 *
 * @param timeFactor multiplies every default timeout; at least 1 makes sense, must be positive
 * @param singleExpectDefault how long an {@code expect...} waits unless told
 * @param expectNoMessageDefault how long {@code expectNoMessage()} watches unless told
 * @param shutdownTimeout how long the kit lets its system terminate
 */
public record TestKitSettings(double timeFactor, Duration singleExpectDefault, Duration expectNoMessageDefault,
                              Duration shutdownTimeout) {

    /** The classpath file read for settings not given as system properties or environment variables. */
    public static final String FILE = "rt-test.properties";

    /** Checks the values. */
    public TestKitSettings {
        if (!(timeFactor > 0) || Double.isInfinite(timeFactor)) {
            throw new IllegalArgumentException("rt.test.timefactor must be a positive number, was " + timeFactor);
        }
        positive(singleExpectDefault, "rt.test.single-expect-default");
        positive(expectNoMessageDefault, "rt.test.expect-no-message-default");
        positive(shutdownTimeout, "rt.test.shutdown-timeout");
    }

    /** @return the settings from system properties, environment and {@value #FILE} */
    public static TestKitSettings load() {
        return from(System.getProperties()::getProperty, System.getenv(), classpathFile());
    }

    /**
     * @param systemProperties looks a key up like {@link System#getProperty(String)}
     * @param environment environment variables
     * @param file the contents of {@value #FILE} (empty if absent)
     * @return the settings, first match wins in that order
     * @throws IllegalArgumentException naming the key when a value cannot be read
     */
    static TestKitSettings from(Function<String, String> systemProperties, Map<String, String> environment,
                                Properties file) {
        Function<String, String> lookup = key -> {
            String value = systemProperties.apply(key);
            if (value == null) {
                value = environment.get(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            return value != null ? value : file.getProperty(key);
        };
        return new TestKitSettings(
                factor(lookup.apply("rt.test.timefactor")),
                duration(lookup, "rt.test.single-expect-default", Duration.ofSeconds(3)),
                duration(lookup, "rt.test.expect-no-message-default", Duration.ofMillis(100)),
                duration(lookup, "rt.test.shutdown-timeout", Duration.ofSeconds(10)));
    }

    /**
     * @param factor a new time factor
     * @return these settings with that factor
     */
    public TestKitSettings withTimeFactor(double factor) {
        return new TestKitSettings(factor, singleExpectDefault, expectNoMessageDefault, shutdownTimeout);
    }

    /**
     * @param timeout a new shutdown timeout
     * @return these settings with that shutdown timeout
     */
    public TestKitSettings withShutdownTimeout(Duration timeout) {
        return new TestKitSettings(timeFactor, singleExpectDefault, expectNoMessageDefault, timeout);
    }

    /**
     * @param duration a duration written for a fast machine
     * @return it multiplied by the time factor
     */
    public Duration dilated(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return timeFactor == 1.0 ? duration : Duration.ofNanos((long) (duration.toNanos() * timeFactor));
    }

    /** @return the default wait of an {@code expect...}, dilated */
    public Duration expectTimeout() {
        return dilated(singleExpectDefault);
    }

    /** @return the default watch of {@code expectNoMessage()}, dilated */
    public Duration noMessageTimeout() {
        return dilated(expectNoMessageDefault);
    }

    /** @return the shutdown budget, dilated */
    public Duration dilatedShutdownTimeout() {
        return dilated(shutdownTimeout);
    }

    private static Properties classpathFile() {
        Properties properties = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : TestKitSettings.class.getClassLoader())
                .getResourceAsStream(FILE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + FILE, e);
        }
        return properties;
    }

    private static double factor(String value) {
        if (value == null || value.isBlank()) {
            return 1.0;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rt.test.timefactor must be a number such as 2 or 1.5, was '"
                    + value + "'", e);
        }
    }

    private static Duration duration(Function<String, String> lookup, String key, Duration fallback) {
        String value = lookup.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parse(value.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 500ms, 3s or PT3S, was '"
                    + value + "'", e);
        }
    }

    static Duration parse(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2).trim()));
        }
        long amount = Long.parseLong(lower.substring(0, lower.length() - 1).trim());
        return switch (lower.charAt(lower.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("unknown unit in '" + text + "'");
        };
    }

    private static void positive(Duration value, String key) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }
}
