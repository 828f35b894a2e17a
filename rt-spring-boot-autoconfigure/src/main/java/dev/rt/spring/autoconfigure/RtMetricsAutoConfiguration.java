package dev.rt.spring.autoconfigure;

import dev.rt.ActorSystem;
import dev.rt.spring.actor.ActorTopology;
import dev.rt.spring.metrics.ActorSystemCensus;
import dev.rt.spring.metrics.MessageSampling;
import dev.rt.spring.metrics.MessageTimingListener;
import dev.rt.spring.metrics.OslFileSystemMetrics;
import dev.rt.spring.metrics.RtMeterBinder;
import dev.rt.spring.metrics.SupervisorRestartMetrics;
import dev.rt.spring.osl.OslFileSystemLifecycle;
import dev.rt.spring.router.RouterTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer metrics of the actor system, when Micrometer and a registry are present: meters read the
 * engine's counters ({@link RtMeterBinder}), sampled messages feed the wait and processing timers
 * ({@link MessageTimingListener}, at {@code rt.metrics.sample-rate}), and supervisor restarts are
 * counted per declared child ({@link SupervisorRestartMetrics}). The routees of each router
 * ({@code rt.routers.*}) are reported together under the router. With the OSL file service on, its
 * counters are bound too ({@link OslFileSystemMetrics}). Boot binds the binders to its registry.
 */
@AutoConfiguration(after = {RtAutoConfiguration.class, RtOslAutoConfiguration.class}, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, MeterBinder.class})
@ConditionalOnBean({ActorSystem.class, MeterRegistry.class, ActorTopology.class})
public final class RtMetricsAutoConfiguration {

    /** How long one walk of the actor tree serves the meters of a scrape. */
    static final Duration CENSUS_MAX_AGE = Duration.ofSeconds(1);

    @Bean
    @ConditionalOnMissingBean
    RtMeterBinder rtMeterBinder(ActorSystem system, ActorTopology topology, ObjectProvider<RouterTopology> routers) {
        return new RtMeterBinder(system, new ActorSystemCensus(system, topology.declaredActors(),
                Set.copyOf(routerPaths(routers).values()), CENSUS_MAX_AGE));
    }

    @Bean
    @ConditionalOnMissingBean
    MessageTimingListener rtMessageTimingListener(ActorTopology topology, ObjectProvider<RouterTopology> routers) {
        return new MessageTimingListener(topology.declaredActors(), Set.copyOf(routerPaths(routers).values()));
    }

    @Bean
    @ConditionalOnMissingBean
    SupervisorRestartMetrics rtSupervisorRestartMetrics(ActorTopology topology,
                                                        ObjectProvider<RouterTopology> routers) {
        return new SupervisorRestartMetrics(topology.supervisorPaths(), topology.declaredChildren(),
                routerPaths(routers));
    }

    private static Map<String, String> routerPaths(ObjectProvider<RouterTopology> routers) {
        return routers.getIfAvailable(RouterTopology::empty).paths();
    }

    @Bean
    @ConditionalOnMissingBean
    MessageSampling rtMessageSampling(RtProperties properties) {
        return new MessageSampling(properties.getMetrics().getSampleRate());
    }

    /** The OSL file service's counters, when the service is on. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(OslFileSystemLifecycle.class)
    static final class OslFileSystemMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        OslFileSystemMetrics rtOslFileSystemMetrics(OslFileSystemLifecycle rtOslFileSystem) {
            return new OslFileSystemMetrics(rtOslFileSystem::stats);
        }
    }
}
