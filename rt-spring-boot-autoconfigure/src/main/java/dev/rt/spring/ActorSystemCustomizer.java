package dev.rt.spring;

import dev.rt.ActorSystem;

/**
 * Adjusts the auto-configured {@link ActorSystem} before it is built: add a dispatcher, change the
 * scheduler tick, and so on. Beans of this type apply in {@link org.springframework.core.annotation.Order}
 * after the {@code rt.*} properties, so a customizer can override them. To observe the runtime, declare a
 * {@link dev.rt.monitor.RuntimeListener} bean rather than calling {@code listener(...)} here: that
 * would replace the listeners rt itself relies on.
 */
@FunctionalInterface
public interface ActorSystemCustomizer {

    /**
     * @param builder the builder, already configured from {@code rt.*}
     */
    void customize(ActorSystem.Builder builder);
}
