package dev.rt.spring.remote;

import io.nats.client.Options;

/** Adjusts the NATS connection options built from {@code rt.remote.nats.connection.*}. Declare as a bean. */
@FunctionalInterface
public interface NatsOptionsCustomizer {

    /**
     * @param builder the options builder
     */
    void customize(Options.Builder builder);
}
