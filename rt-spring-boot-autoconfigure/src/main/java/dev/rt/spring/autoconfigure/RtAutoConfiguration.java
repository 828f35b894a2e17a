package dev.rt.spring.autoconfigure;

import dev.rt.ActorSystem;
import dev.rt.monitor.RuntimeListener;
import dev.rt.spring.ActorSystemCustomizer;
import dev.rt.spring.actor.ActorRefs;
import dev.rt.spring.actor.ActorSystemLifecycle;
import dev.rt.spring.actor.ActorTopology;
import dev.rt.spring.actor.RtActorBeanRegistrar;
import dev.rt.spring.router.RouterLifecycle;
import dev.rt.spring.router.RouterRefs;
import dev.rt.spring.router.RouterTopology;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The rt runtime as beans: the {@link ActorSystem} (named after {@code rt.system-name} or
 * {@code spring.application.name}), the supervision trees assembled from {@code rt.supervisors.*},
 * {@code SupervisorSpec} beans and {@link dev.rt.spring.RtActor} beans, the pool routers of
 * {@code rt.routers.*}, their injectable refs, and the lifecycles that start them with the context and
 * drain and stop them when it closes.
 */
@AutoConfiguration
@EnableConfigurationProperties(RtProperties.class)
public final class RtAutoConfiguration {

    @Bean
    static RtActorBeanRegistrar rtActorBeanRegistrar(Environment environment) {
        return new RtActorBeanRegistrar(new RouterSettingsSource(environment));
    }

    @Bean
    @ConditionalOnMissingBean
    ActorRefs rtActorRefs() {
        return new ActorRefs();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ActorSystem rtActorSystem(RtProperties properties, Environment environment,
                              ObjectProvider<RuntimeListener> listeners,
                              ObjectProvider<ActorSystemCustomizer> customizers) {
        return new ActorSystemFactory(properties, environment)
                .create(listeners.orderedStream().toList(), customizers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    ActorTopology rtActorTopology(RtProperties properties, RtActorBeanRegistrar rtActorBeanRegistrar,
                                  ConfigurableListableBeanFactory beanFactory) {
        return new ActorTopologyFactory(properties, rtActorBeanRegistrar, beanFactory).create();
    }

    @Bean
    @ConditionalOnMissingBean
    ActorSystemLifecycle rtActorSystemLifecycle(ActorSystem system, ActorTopology topology, ActorRefs refs,
                                                RtProperties properties) {
        return new ActorSystemLifecycle(system, topology, refs, properties.getStartup().getTimeout(),
                properties.getShutdown().getTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    RouterRefs rtRouterRefs() {
        return new RouterRefs();
    }

    @Bean
    @ConditionalOnMissingBean
    RouterTopology rtRouterTopology(RtProperties properties, RtActorBeanRegistrar rtActorBeanRegistrar,
                                    ActorTopology topology, ConfigurableListableBeanFactory beanFactory) {
        return new RouterTopologyFactory(properties, rtActorBeanRegistrar, topology, beanFactory).create();
    }

    @Bean
    @ConditionalOnMissingBean
    RouterLifecycle rtRouterLifecycle(ActorSystem system, RouterTopology routers, RouterRefs refs) {
        return new RouterLifecycle(system, routers, refs);
    }
}
