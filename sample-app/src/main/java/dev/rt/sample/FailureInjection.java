package dev.rt.sample;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * The chance that the enricher fails on a message, set at run time through {@code POST
 * /chaos/failure-rate}. A singleton bean, so it outlives the enricher instances its supervisor replaces.
 */
@Component
final class FailureInjection {

    private volatile double failureRate;

    /** @return the chance, from 0 (never) to 1 (always) */
    double failureRate() {
        return failureRate;
    }

    /**
     * @param rate the new chance, from 0 to 1
     * @throws IllegalArgumentException if out of range
     */
    void failureRate(double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("the failure rate is a number from 0 to 1, was " + rate);
        }
        this.failureRate = rate;
    }

    /** @return whether this call should fail, drawn at the current rate */
    boolean shouldFail() {
        double rate = failureRate;
        return rate > 0.0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
