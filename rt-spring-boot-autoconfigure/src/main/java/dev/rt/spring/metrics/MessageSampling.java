package dev.rt.spring.metrics;

import dev.rt.ActorSystem;
import dev.rt.spring.ActorSystemCustomizer;
import org.springframework.core.Ordered;

/**
 * Turns on the engine's message sampling that feeds {@link MessageTimingListener}: one message in
 * {@code every} is timed. Applies before the application's own customizers, which may change it.
 */
public final class MessageSampling implements ActorSystemCustomizer, Ordered {

    private final int every;

    /**
     * @param every a power of two, or 0 to sample nothing
     */
    public MessageSampling(int every) {
        this.every = every;
    }

    @Override
    public void customize(ActorSystem.Builder builder) {
        builder.sampleEvery(every);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
