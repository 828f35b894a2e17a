package dev.rt.spring.diagnostics;

import dev.rt.spring.InvalidRtConfigurationException;
import dev.rt.spring.RtStartupException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Reports an {@link RtStartupException}: what went wrong, where an invalid property was set, and what
 * to do.
 */
public final class RtStartupFailureAnalyzer extends AbstractFailureAnalyzer<RtStartupException> implements Ordered {

    private final Environment environment;

    /**
     * @param environment the application's environment, or {@code null}
     */
    public RtStartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RtStartupException cause) {
        String description = cause.getMessage();
        if (cause instanceof InvalidRtConfigurationException invalid) {
            description += PropertyOrigins.of(environment, invalid.property());
        }
        return new FailureAnalysis(description, cause.action(), cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
