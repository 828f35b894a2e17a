package dev.rt.spring.autoconfigure;

import static dev.rt.spring.autoconfigure.TestActors.WAIT;
import static dev.rt.spring.autoconfigure.TestActors.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.spring.autoconfigure.TestActors.Counter;
import dev.rt.spring.autoconfigure.TestActors.CounterMsg;
import dev.rt.spring.autoconfigure.TestActors.InstancesConfiguration;
import dev.rt.spring.endpoint.ActorsEndpoint;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class RtActorsEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class,
                    RtActorsEndpointAutoConfiguration.class));

    private final ApplicationContextRunner exposed = runner
            .withPropertyValues("management.endpoints.web.exposure.include=actors");

    @Test
    void providesTheEndpointWhenExposed() {
        exposed.run(context -> assertThat(context).hasSingleBean(ActorsEndpoint.class));
    }

    @Test
    void isNotAvailableUnlessExposed() {
        runner.run(context -> assertThat(context).hasSingleBean(ActorSystem.class)
                .doesNotHaveBean(ActorsEndpoint.class));
    }

    @Test
    void accessNoneSwitchesItOff() {
        exposed.withPropertyValues("management.endpoint.actors.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(ActorsEndpoint.class));
    }

    @Test
    void withoutActuatorThereIsNoEndpoint() {
        exposed.withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasSingleBean(ActorSystem.class)
                        .doesNotHaveBean(ActorsEndpoint.class));
    }

    @Test
    void aUserEndpointWins() {
        exposed.withUserConfiguration(UserEndpoint.class).run(context -> assertThat(context)
                .hasSingleBean(ActorsEndpoint.class).hasBean("myActorsEndpoint"));
    }

    @Test
    void showsTheLiveTreeWithCountersAndOneActorByPath() {
        exposed.withUserConfiguration(InstancesConfiguration.class, Counter.class)
                .withPropertyValues("rt.supervisors.app.strategy=one-for-one", "spring.application.name=shop")
                .run(context -> {
                    ActorRef<CounterMsg> counter = context.getBean("counterActorRef", ActorRef.class);
                    counter.tell(new CounterMsg.Add(2));
                    counter.tell(new CounterMsg.Add(3));
                    assertThat(counter.<Long>ask(CounterMsg.Get::new).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                            .isEqualTo(5L);
                    ActorsEndpoint endpoint = context.getBean(ActorsEndpoint.class);

                    ActorsEndpoint.SystemDescriptor system = endpoint.actors();
                    assertThat(system.name()).isEqualTo("shop");
                    assertThat(system.state()).isEqualTo("RUNNING");
                    assertThat(system.actors()).isEqualTo(2);
                    assertThat(system.deadLetters()).containsEntry("failed", 0L);
                    ActorsEndpoint.ActorDescriptor app = system.tree().children().get(0);
                    assertThat(app.path()).isEqualTo("/user/app");
                    assertThat(app.kind()).isEqualTo("supervisor");
                    assertThat(app.state()).isEqualTo("RUNNING");
                    assertThat(app.supervisor().strategy()).isEqualTo("ONE_FOR_ONE");
                    assertThat(app.supervisor().children()).singleElement()
                            .satisfies(child -> assertThat(child.state()).isEqualTo("RUNNING"));
                    eventually().untilAsserted(() -> {
                        ActorsEndpoint.ActorDescriptor node = endpoint.actor(new String[] {"user", "app", "counter"});
                        assertThat(node.kind()).isEqualTo("actor");
                        assertThat(node.state()).isEqualTo("RUNNING");
                        assertThat(node.mailboxDepth()).isZero();
                        assertThat(node.counters().sent()).isEqualTo(3);
                        assertThat(node.counters().delivered()).isEqualTo(3);
                        assertThat(node.supervisor()).isNull();
                    });
                    assertThat(endpoint.actor(new String[] {"user", "nobody"})).isNull();
                    assertThat(endpoint.actor(new String[] {"user", "app", "counter", "deeper"})).isNull();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserEndpoint {
        @Bean
        ActorsEndpoint myActorsEndpoint(ActorSystem system) {
            return new ActorsEndpoint(system);
        }
    }
}
