package dev.rt.spring.autoconfigure;

import dev.rt.ActorSystem;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Provides the {@link ActorSystem} bean, terminated with the application context.
 */
@AutoConfiguration
@EnableConfigurationProperties(RtProperties.class)
public final class RtAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ActorSystem rtActorSystem(RtProperties properties, Environment environment) {
        String name = properties.getSystemName() != null
                ? properties.getSystemName()
                : environment.getProperty("spring.application.name", "rt");
        return ActorSystem.builder(name)
                .askTimeout(properties.getAskTimeout())
                .shutdownTimeout(properties.getShutdown().getTimeout())
                .build();
    }
}
