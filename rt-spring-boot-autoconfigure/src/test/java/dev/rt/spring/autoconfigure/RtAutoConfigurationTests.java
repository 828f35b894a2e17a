package dev.rt.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorSystem;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class RtAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class));

    @Test
    void providesAnActorSystemNamedAfterTheApplication() {
        runner.withPropertyValues("spring.application.name=orders", "rt.ask-timeout=2s").run(context -> {
            ActorSystem system = context.getBean(ActorSystem.class);
            assertThat(system.name()).isEqualTo("orders");
            assertThat(system.askTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);
        });
    }

    @Test
    void terminatesTheSystemWithTheContext() {
        ActorSystem[] captured = new ActorSystem[1];
        runner.run(context -> captured[0] = context.getBean(ActorSystem.class));
        assertThat(captured[0].state()).isEqualTo(ActorSystem.State.TERMINATED);
    }

    @Test
    void aUserDefinedSystemWins() {
        runner.withUserConfiguration(UserSystem.class).run(context -> {
            assertThat(context).hasSingleBean(ActorSystem.class);
            assertThat(context.getBean(ActorSystem.class).name()).isEqualTo("mine");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserSystem {
        @Bean(destroyMethod = "close")
        ActorSystem mySystem() {
            return ActorSystem.create("mine");
        }
    }
}
