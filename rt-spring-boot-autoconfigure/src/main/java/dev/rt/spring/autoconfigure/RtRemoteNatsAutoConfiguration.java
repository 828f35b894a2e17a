package dev.rt.spring.autoconfigure;

import dev.rt.ActorSystem;
import dev.rt.remote.nats.NatsRemoting;
import dev.rt.remote.nats.RemoteListener;
import dev.rt.spring.remote.NatsOptionsCustomizer;
import dev.rt.spring.remote.NatsRemotingCustomizer;
import dev.rt.spring.remote.NatsRemotingHealthIndicator;
import dev.rt.spring.remote.NatsRemotingMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.nats.client.Connection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Joins the application's actor system to a cluster over NATS when rt-remote-nats and jnats are on the
 * classpath ({@code rt.remote.nats.*}): a {@link NatsRemoting} bean, its {@code remote} component under
 * {@code rt} health, and its meters. Backs off without jnats, without an actor system, or with
 * {@code rt.remote.nats.enabled=false}.
 */
@AutoConfiguration(after = RtAutoConfiguration.class)
@ConditionalOnClass({Connection.class, NatsRemoting.class})
@ConditionalOnBean(ActorSystem.class)
@ConditionalOnBooleanProperty(name = "rt.remote.nats.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RtRemoteNatsProperties.class)
public final class RtRemoteNatsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    NatsRemoting rtNatsRemoting(ActorSystem system, RtRemoteNatsProperties properties,
                                ObjectProvider<SslBundles> sslBundles,
                                ObjectProvider<NatsOptionsCustomizer> optionsCustomizers,
                                ObjectProvider<NatsRemotingCustomizer> customizers,
                                ObjectProvider<RemoteListener> listeners) {
        return NatsRemotingFactory.create(system, properties, sslBundles.getIfAvailable(),
                optionsCustomizers.orderedStream().toList(), customizers.orderedStream().toList(),
                listeners.orderedStream().toList());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
    @ConditionalOnEnabledHealthIndicator("rt")
    static final class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean
        NatsRemotingHealthIndicator rtNatsRemotingHealthIndicator(NatsRemoting remoting) {
            return new NatsRemotingHealthIndicator(remoting);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static final class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        NatsRemotingMetrics rtNatsRemotingMetrics(ObjectProvider<NatsRemoting> remoting) {
            return new NatsRemotingMetrics(remoting::getObject);
        }
    }
}
