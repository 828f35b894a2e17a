package dev.rt.spring.autoconfigure;

import dev.rt.ActorSystem;
import dev.rt.monitor.RuntimeListener;
import dev.rt.spring.ActorSystemCustomizer;
import dev.rt.spring.actor.ActorRefs;
import dev.rt.spring.actor.ActorSystemLifecycle;
import dev.rt.spring.actor.ActorTopology;
import dev.rt.spring.actor.RtActorBeanRegistrar;
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
 * {@code SupervisorSpec} beans and {@link dev.rt.spring.RtActor} beans, their injectable refs, and the
 * lifecycle that starts them with the context and drains and stops them when it closes.
 */
@AutoConfiguration
@EnableConfigurationProperties(RtProperties.class)
public final class RtAutoConfiguration {

    @Bean
    static RtActorBeanRegistrar rtActorBeanRegistrar() {
        return new RtActorBeanRegistrar();
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
}
