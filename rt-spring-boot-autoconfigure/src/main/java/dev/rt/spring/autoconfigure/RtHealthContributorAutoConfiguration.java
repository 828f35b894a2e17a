package dev.rt.spring.autoconfigure;

import dev.rt.ActorSystem;
import dev.rt.spring.health.ReadinessGroupMembership;
import dev.rt.spring.health.RtHealthComponent;
import dev.rt.spring.health.RtHealthContributor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@code rt} health contributor: one component per top-level supervisor, {@code DOWN} when a
 * supervisor gave up. Off with {@code management.health.rt.enabled=false}. With availability probes
 * on, it joins the {@code readiness} group unless the application lists that group's members itself.
 */
@AutoConfiguration(after = RtAutoConfiguration.class, afterName =
        "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(ActorSystem.class)
@ConditionalOnEnabledHealthIndicator("rt")
public final class RtHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "rtHealthContributor")
    RtHealthContributor rtHealthContributor(ActorSystem system, ObjectProvider<RtHealthComponent> components) {
        return new RtHealthContributor(system, () -> components.orderedStream().toList());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {
            "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor",
            "org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper"})
    static final class ReadinessConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ReadinessGroupMembership rtReadinessGroupMembership(Environment environment) {
            return new ReadinessGroupMembership("rt",
                    !environment.containsProperty("management.endpoint.health.group.readiness.include"));
        }
    }
}
