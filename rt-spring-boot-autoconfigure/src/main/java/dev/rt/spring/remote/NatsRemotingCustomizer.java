package dev.rt.spring.remote;

import dev.rt.remote.nats.NatsRemoting;

/** Adjusts the remoting node before it starts (register message types, a codec, timings). Declare as a bean. */
@FunctionalInterface
public interface NatsRemotingCustomizer {

    /**
     * @param builder the node's builder, already configured from {@code rt.remote.nats.*}
     */
    void customize(NatsRemoting.Builder builder);
}
