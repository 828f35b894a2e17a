package dev.rt.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.remote.nats.NatsRemoting;
import dev.rt.remote.nats.NatsRemotingException;
import dev.rt.spring.health.RtHealthContributor;
import dev.rt.spring.remote.NatsRemotingCustomizer;
import dev.rt.spring.remote.NatsRemotingHealthIndicator;
import dev.rt.spring.remote.NatsRemotingMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RtRemoteNatsAutoConfigurationTests {

    /** A message type the tests allow through {@code rt.remote.nats.message-types}. */
    record Greeting(String text, ActorRef<String> replyTo) {
    }

    private static NatsServerProcess server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("management.metrics.use-global-registry=false")
            .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class, RtRemoteNatsAutoConfiguration.class,
                    RtHealthContributorAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

    @BeforeAll
    static void startServer() throws Exception {
        server = NatsServerProcess.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private String[] nodeProperties(String node) {
        return new String[] {"rt.system-name=" + node, "rt.remote.nats.servers=" + server.url(),
                "rt.remote.nats.node-id=" + node, "rt.remote.nats.cluster=spring",
                "rt.remote.nats.heartbeat-interval=200ms", "rt.remote.nats.failure-timeout=2s",
                "rt.remote.nats.jetstream.storage=memory",
                "rt.remote.nats.message-types=" + Greeting.class.getName()};
    }

    @Test
    void backsOffWithoutJnats() {
        runner.withClassLoader(new FilteredClassLoader(Connection.class)).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(NatsRemoting.class)
                    .doesNotHaveBean(NatsRemotingHealthIndicator.class);
            assertThat(context).hasSingleBean(ActorSystem.class);
        });
    }

    @Test
    void backsOffWhenSwitchedOff() {
        runner.withPropertyValues("rt.remote.nats.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(NatsRemoting.class));
    }

    @Test
    void anUnreachableServerFailsStartupWithATypedError() {
        runner.withPropertyValues("rt.remote.nats.servers=nats://127.0.0.1:1",
                "rt.remote.nats.connection.connection-timeout=500ms").run(context -> {
            assertThat(context).hasFailed();
            assertThat(findCause(context.getStartupFailure(), NatsRemotingException.class))
                    .hasMessageContaining("cannot start remoting node");
        });
    }

    @Test
    void twoApplicationsJoinOneClusterAndShowItInHealthAndMetrics() {
        runner.withPropertyValues(nodeProperties("spring-b")).run(b -> {
            ActorSystem systemB = b.getBean(ActorSystem.class);
            systemB.spawn("greeter", () -> (Greeting g, dev.rt.ActorContext<Greeting> ctx) ->
                    g.replyTo().tell("hello " + g.text()));
            runner.withPropertyValues(nodeProperties("spring-a")).run(a -> {
                NatsRemoting remoting = a.getBean(NatsRemoting.class);
                assertThat(remoting.types().isRegistered(Greeting.class)).isTrue();
                await().atMost(Duration.ofSeconds(20)).until(() -> remoting.members().size() == 2);

                ActorRef<Greeting> greeter = remoting.ref("spring-b", "/user/greeter");
                String reply = greeter.<String>ask(r -> new Greeting("spring", r), Duration.ofSeconds(20)).join();
                assertThat(reply).isEqualTo("hello spring");

                RtHealthContributor rt = a.getBean(RtHealthContributor.class);
                Health health = ((HealthIndicator) rt.getContributor("remote")).health(true);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("node", "spring-a")
                        .containsEntry("connection", "CONNECTED")
                        .containsEntry("members", List.of("spring-a", "spring-b"));
                assertThat(rt.stream().map(e -> e.name())).contains("remote");

                assertThat(a).hasSingleBean(NatsRemotingMetrics.class);
                MeterRegistry registry = a.getBean(MeterRegistry.class);
                assertThat(registry.get("rt.remote.messages.sent").functionCounter().count()).isGreaterThanOrEqualTo(1);
                assertThat(registry.get("rt.remote.bytes.received").functionCounter().count()).isPositive();
                assertThat(registry.get("rt.remote.members").gauge().value()).isEqualTo(2);
                // recorded when the reply completes the ask, which may run just after join() returns
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(registry.get("rt.remote.ask.round-trip").timer().count()).isEqualTo(1));
                assertThat(registry.get("rt.remote.codec.errors").functionCounter().count()).isZero();
                assertThat(registry.get("rt.remote.acknowledgement.failures").functionCounter().count()).isZero();
            });
        });
    }

    @Test
    void customizersAdjustTheNodeAndTheirErrorsFailStartup() {
        runner.withPropertyValues(nodeProperties("spring-c"))
                .withBean(NatsRemotingCustomizer.class, () -> builder -> builder.register(Map.Entry.class))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(findCause(context.getStartupFailure(), IllegalArgumentException.class))
                            .hasMessageContaining("register the concrete message classes, not java.util.Map$Entry");
                });
        runner.withPropertyValues(nodeProperties("spring-d"))
                .withBean(NatsRemotingCustomizer.class, () -> builder -> builder.jetStream(false))
                .run(context -> assertThat(context.getBean(NatsRemoting.class).jetStreamEnabled()).isFalse());
    }

    @Test
    void aUserDefinedNodeWins() {
        runner.withPropertyValues(nodeProperties("spring-e")).withUserConfiguration(UserNode.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(NatsRemoting.class);
            assertThat(context.getBean(NatsRemoting.class).nodeId()).isEqualTo("user-node");
        });
    }

    /** The application's own remoting node, built from the context's actor system. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class UserNode {
        @org.springframework.context.annotation.Bean(destroyMethod = "close")
        NatsRemoting userNode(ActorSystem system) {
            return NatsRemoting.builder(system, "user-node").cluster("spring-user")
                    .options(new io.nats.client.Options.Builder().server(server.url()).build())
                    .register(Greeting.class)
                    .start();
        }
    }

    private static Throwable findCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
