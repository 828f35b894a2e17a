package dev.rt.spring.autoconfigure;

import dev.rt.ActorSystem;
import dev.rt.spring.endpoint.ActorsEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The read-only {@code actors} Actuator endpoint, when it is available (allowed and exposed, for example
 * with {@code management.endpoints.web.exposure.include=actors}).
 */
@AutoConfiguration(after = RtAutoConfiguration.class, afterName =
        "org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration")
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(ActorSystem.class)
@ConditionalOnAvailableEndpoint(ActorsEndpoint.class)
public final class RtActorsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ActorsEndpoint rtActorsEndpoint(ActorSystem system) {
        return new ActorsEndpoint(system);
    }
}
