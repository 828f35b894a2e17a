package dev.rt.spring.autoconfigure;

import static dev.rt.spring.autoconfigure.TestActors.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.spring.RtActor;
import dev.rt.spring.autoconfigure.TestActors.Fragile;
import dev.rt.spring.autoconfigure.TestActors.InstancesConfiguration;
import dev.rt.spring.endpoint.ActorsEndpoint;
import dev.rt.spring.health.ReadinessGroupMembership;
import dev.rt.spring.health.RtHealthContributor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class RtHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class,
                    RtHealthContributorAutoConfiguration.class));

    @Test
    void contributesRtHealth() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RtHealthContributor.class).hasBean("rtHealthContributor")
                    .hasSingleBean(ReadinessGroupMembership.class);
        });
    }

    @Test
    void aUserContributorWins() {
        runner.withUserConfiguration(UserHealth.class).run(context -> {
            assertThat(context).doesNotHaveBean(RtHealthContributor.class);
            assertThat(context.getBean("rtHealthContributor")).isInstanceOf(HealthIndicator.class);
        });
    }

    @Test
    void thePropertySwitchesItOff() {
        runner.withPropertyValues("management.health.rt.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(ActorSystem.class)
                        .doesNotHaveBean(RtHealthContributor.class));
    }

    @Test
    void withoutTheHealthModuleThereIsNoContributor() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasSingleBean(ActorSystem.class)
                        .doesNotHaveBean("rtHealthContributor"));
    }

    @Test
    void aSupervisorThatGivesUpTurnsHealthDownAndTheEndpointShowsIt() {
        runner.withConfiguration(AutoConfigurations.of(RtActorsEndpointAutoConfiguration.class))
                .withUserConfiguration(InstancesConfiguration.class, Fragile.class)
                .withPropertyValues("rt.supervisors.app.max-restarts=2", "rt.supervisors.app.period=1m",
                        "rt.supervisors.db.parent=app", "management.endpoints.web.exposure.include=actors")
                .run(context -> {
                    RtHealthContributor rt = context.getBean(RtHealthContributor.class);
                    assertThat(rt.stream().map(HealthContributors.Entry::name)).containsExactly("app");
                    HealthIndicator app = (HealthIndicator) rt.getContributor("app");
                    Health healthy = app.health();
                    assertThat(healthy.getStatus()).isEqualTo(Status.UP);
                    assertThat(healthy.getDetails()).containsEntry("strategy", "ONE_FOR_ONE")
                            .containsEntry("state", "RUNNING").containsEntry("restartsInWindow", 0)
                            .containsEntry("maxRestarts", 2).containsKey("children");
                    assertThat(detail(healthy, "children")).containsKeys("db", "fragile");
                    assertThat(detail(detail(healthy, "supervisors"), "db")).containsEntry("status", "UP");

                    ActorRef<String> fragile = context.getBean("fragileActorRef", ActorRef.class);
                    fragile.tell("one");
                    eventually().until(() -> app.health().getDetails().get("restartsInWindow").equals(1));
                    assertThat(app.health().getStatus()).isEqualTo(Status.UP); // restarting within intensity
                    fragile.tell("two");
                    fragile.tell("three");
                    eventually().until(() -> app.health().getStatus().equals(Status.DOWN));

                    Health down = app.health();
                    assertThat(down.getDetails()).containsEntry("state", "FAILED");
                    assertThat(detail(down, "lastFailure")).containsEntry("child", "fragile")
                            .containsEntry("type", IllegalStateException.class.getName())
                            .containsEntry("message", "fragile failed on three").containsKey("time");
                    // the system is marked failed once the supervisor has stopped its children
                    ActorSystem system = context.getBean(ActorSystem.class);
                    eventually().until(() -> system.state() == ActorSystem.State.FAILED);

                    ActorsEndpoint.SystemDescriptor actors = context.getBean(ActorsEndpoint.class).actors();
                    assertThat(actors.state()).isEqualTo("FAILED");
                    assertThat(actors.failure()).contains("/user/app");
                    assertThat(actors.supervisors()).filteredOn(s -> s.path().equals("/user/app")).singleElement()
                            .satisfies(s -> {
                                assertThat(s.state()).isEqualTo("FAILED");
                                assertThat(s.lastFailure().child()).isEqualTo("fragile");
                                assertThat(s.lastFailure().message()).isEqualTo("fragile failed on three");
                            });
                    assertThat(context.getBean(ActorsEndpoint.class).actor(new String[] {"user", "app"}).state())
                            .isEqualTo("FAILED");
                });
    }

    @Test
    void aNestedSupervisorThatGaveUpKeepsItsParentDownUntilTheParentRestartsIt() {
        runner.withUserConfiguration(InstancesConfiguration.class, Flaky.class)
                .withPropertyValues("rt.supervisors.outer.max-restarts=5", "rt.supervisors.outer.period=1m",
                        // long enough that a loaded machine still sees the backoff; the wait for UP allows 20 s
                        "rt.supervisors.outer.backoff.min=8s", "rt.supervisors.outer.backoff.max=8s",
                        "rt.supervisors.outer.backoff.jitter=0",
                        "rt.supervisors.inner.parent=outer", "rt.supervisors.inner.max-restarts=0")
                .run(context -> {
                    HealthIndicator outer = (HealthIndicator) context.getBean(RtHealthContributor.class)
                            .getContributor("outer");
                    assertThat(outer.health().getStatus()).isEqualTo(Status.UP);
                    ActorRef<Flaky.Say> flaky = context.getBean("flakyActorRef", ActorRef.class);

                    flaky.tell(new Flaky.Say("fail", null));
                    // the parent hears of it and waits out its backoff before restarting "inner"; the report
                    // asserted is the one that showed the backoff, so the backoff may end meanwhile
                    Health down = eventually().until(outer::health,
                            health -> "BACKING_OFF".equals(health.getDetails().get("state")));
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(detail(detail(down, "supervisors"), "inner")).containsEntry("status", "DOWN")
                            .containsEntry("state", "FAILED");

                    // the parent restarts the nested supervisor after its backoff: UP again, the actor works
                    eventually().until(() -> outer.health().getStatus().equals(Status.UP));
                    Health up = outer.health();
                    assertThat(up.getDetails()).containsEntry("state", "RUNNING");
                    assertThat(detail(detail(up, "supervisors"), "inner")).containsEntry("status", "UP")
                            .containsEntry("state", "RUNNING");
                    assertThat(flaky.<String>ask(replyTo -> new Flaky.Say("echo", replyTo)).join()).isEqualTo("echo");
                    assertThat(context.getBean(ActorSystem.class).state()).isEqualTo(ActorSystem.State.RUNNING);
                });
    }

    @Test
    void joinsTheReadinessGroupWhenProbesAreOn() {
        runner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
                        EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                        HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
                        AvailabilityProbesAutoConfiguration.class))
                .withUserConfiguration(InstancesConfiguration.class, Fragile.class)
                .withPropertyValues("management.endpoint.health.probes.enabled=true",
                        "management.endpoint.health.show-components=always",
                        "rt.supervisors.app.max-restarts=0")
                .run(context -> {
                    // what SpringApplication publishes once the application has started
                    AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
                    AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
                    HealthEndpoint health = context.getBean(HealthEndpoint.class);
                    HealthDescriptor readiness = health.healthForPath("readiness");
                    assertThat(((CompositeHealthDescriptor) readiness).getComponents())
                            .containsKeys("readinessState", "rt");
                    assertThat(readiness.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);

                    context.getBean("fragileActorRef", ActorRef.class).tell("fail");
                    eventually().until(() -> health.healthForPath("readiness").getStatus().equals(Status.DOWN));
                    assertThat(((CompositeHealthDescriptor) health.healthForPath("liveness")).getComponents())
                            .doesNotContainKey("rt");
                });
    }

    @Test
    void leavesAReadinessGroupTheApplicationDefines() {
        runner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
                        EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                        HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
                        AvailabilityProbesAutoConfiguration.class))
                .withPropertyValues("management.endpoint.health.probes.enabled=true",
                        "management.endpoint.health.show-components=always",
                        "management.endpoint.health.group.readiness.include=readinessState")
                .run(context -> {
                    HealthDescriptor readiness = context.getBean(HealthEndpoint.class).healthForPath("readiness");
                    assertThat(((CompositeHealthDescriptor) readiness).getComponents()).containsOnlyKeys(
                            "readinessState");
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Health health, String key) {
        return (Map<String, Object>) health.getDetails().get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> details, String key) {
        return (Map<String, Object>) details.get(key);
    }

    /** Under the nested supervisor "inner": fails on "fail", echoes anything else. */
    @RtActor(name = "flaky", supervisor = "inner")
    static class Flaky implements Actor<Flaky.Say> {
        record Say(String text, ActorRef<String> replyTo) {
        }

        @Override
        public void onMessage(Say say, ActorContext<Say> ctx) {
            if ("fail".equals(say.text())) {
                throw new IllegalStateException("flaky failed");
            }
            say.replyTo().tell(say.text());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserHealth {
        @Bean
        HealthIndicator rtHealthContributor() {
            return () -> Health.up().build();
        }
    }
}
