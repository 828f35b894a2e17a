package dev.rt.spring.autoconfigure;

import dev.rt.ActorSystem;
import dev.rt.spring.actor.ActorTopology;
import dev.rt.spring.metrics.ActorSystemCensus;
import dev.rt.spring.metrics.MessageSampling;
import dev.rt.spring.metrics.MessageTimingListener;
import dev.rt.spring.metrics.RtMeterBinder;
import dev.rt.spring.metrics.SupervisorRestartMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of the actor system, when Micrometer and a registry are present: meters read the
 * engine's counters ({@link RtMeterBinder}), sampled messages feed the wait and processing timers
 * ({@link MessageTimingListener}, at {@code rt.metrics.sample-rate}), and supervisor restarts are
 * counted per declared child ({@link SupervisorRestartMetrics}). Boot binds the binders to its registry.
 */
@AutoConfiguration(after = RtAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, MeterBinder.class})
@ConditionalOnBean({ActorSystem.class, MeterRegistry.class, ActorTopology.class})
public final class RtMetricsAutoConfiguration {

    /** How long one walk of the actor tree serves the meters of a scrape. */
    static final Duration CENSUS_MAX_AGE = Duration.ofSeconds(1);

    @Bean
    @ConditionalOnMissingBean
    RtMeterBinder rtMeterBinder(ActorSystem system, ActorTopology topology) {
        return new RtMeterBinder(system, new ActorSystemCensus(system, topology.declaredActors(), CENSUS_MAX_AGE));
    }

    @Bean
    @ConditionalOnMissingBean
    MessageTimingListener rtMessageTimingListener(ActorTopology topology) {
        return new MessageTimingListener(topology.declaredActors());
    }

    @Bean
    @ConditionalOnMissingBean
    SupervisorRestartMetrics rtSupervisorRestartMetrics(ActorTopology topology) {
        return new SupervisorRestartMetrics(topology.supervisorPaths(), topology.declaredChildren());
    }

    @Bean
    @ConditionalOnMissingBean
    MessageSampling rtMessageSampling(RtProperties properties) {
        return new MessageSampling(properties.getMetrics().getSampleRate());
    }
}
