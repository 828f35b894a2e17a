package dev.rt.spring.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the rt actor runtime under {@code rt.*}.
 */
@ConfigurationProperties("rt")
public class RtProperties {

    /**
     * Name of the actor system; defaults to spring.application.name, then "rt".
     */
    private String systemName;

    /**
     * How long an ask waits for its reply when the caller gives no timeout.
     */
    private Duration askTimeout = Duration.ofSeconds(5);

    private final Shutdown shutdown = new Shutdown();

    public String getSystemName() {
        return systemName;
    }

    public void setSystemName(String systemName) {
        this.systemName = systemName;
    }

    public Duration getAskTimeout() {
        return askTimeout;
    }

    public void setAskTimeout(Duration askTimeout) {
        this.askTimeout = askTimeout;
    }

    public Shutdown getShutdown() {
        return shutdown;
    }

    /** Shutdown settings. */
    public static class Shutdown {

        /**
         * How long the actor system drains and stops when the application context closes.
         */
        private Duration timeout = Duration.ofSeconds(10);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
