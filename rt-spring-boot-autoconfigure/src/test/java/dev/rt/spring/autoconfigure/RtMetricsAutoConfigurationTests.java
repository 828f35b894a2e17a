package dev.rt.spring.autoconfigure;

import static dev.rt.spring.autoconfigure.TestActors.WAIT;
import static dev.rt.spring.autoconfigure.TestActors.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.osl.fs.FileOperationException;
import dev.rt.osl.fs.FileSystemClient;
import dev.rt.spring.autoconfigure.TestActors.Counter;
import dev.rt.spring.autoconfigure.TestActors.CounterMsg;
import dev.rt.spring.autoconfigure.TestActors.InstancesConfiguration;
import dev.rt.spring.metrics.ActorSystemCensus;
import dev.rt.spring.metrics.MessageSampling;
import dev.rt.spring.metrics.MessageTimingListener;
import dev.rt.spring.metrics.OslFileSystemMetrics;
import dev.rt.spring.metrics.RtMeterBinder;
import dev.rt.spring.metrics.SupervisorRestartMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class RtMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("management.metrics.use-global-registry=false")
            .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class, RtMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class));

    @Test
    void bindsTheRuntimeToTheRegistry() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RtMeterBinder.class).hasSingleBean(MessageTimingListener.class)
                    .hasSingleBean(SupervisorRestartMetrics.class).hasSingleBean(MessageSampling.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("rt.messages.sent").functionCounter()).isNotNull();
            assertThat(registry.find("rt.messages.dead").tag("reason", "mailbox_full").functionCounter())
                    .isNotNull();
            assertThat(registry.find("rt.actors").tag("state", "running").gauge()).isNotNull();
            assertThat(registry.find("rt.message.wait").tag("actor", "other").timer()).isNotNull();
        });
    }

    @Test
    void aUserBinderWins() {
        runner.withUserConfiguration(UserBinder.class).run(context -> assertThat(context)
                .hasSingleBean(RtMeterBinder.class).hasBean("userMeterBinder"));
    }

    @Test
    void withoutMicrometerThereAreNoMetrics() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class, RtMetricsAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
            assertThat(context).hasSingleBean(ActorSystem.class).doesNotHaveBean(RtMeterBinder.class)
                    .doesNotHaveBean(MessageTimingListener.class).doesNotHaveBean(MessageSampling.class);
        });
    }

    @Test
    void withoutARegistryThereAreNoMetrics() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class, RtMetricsAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(ActorSystem.class)
                        .doesNotHaveBean(RtMeterBinder.class));
    }

    @Test
    void metersCountKnownTraffic() {
        runner.withUserConfiguration(InstancesConfiguration.class, Counter.class)
                .withPropertyValues("rt.supervisors.app.max-restarts=5", "rt.metrics.sample-rate=1")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    ActorRef<CounterMsg> counter = context.getBean("counterActorRef", ActorRef.class);
                    for (int i = 0; i < 10; i++) {
                        counter.tell(new CounterMsg.Add(1));
                    }
                    assertThat(counter.<Long>ask(CounterMsg.Get::new).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                            .isEqualTo(10L);
                    eventually().untilAsserted(() -> {
                        assertThat(count(registry, "rt.messages.sent")).isEqualTo(11);
                        assertThat(count(registry, "rt.messages.delivered")).isEqualTo(11);
                        assertThat(count(registry, "rt.messages.failed")).isZero();
                    });
                    Timer processing = registry.find("rt.message.processing").tag("actor", "/user/app/counter")
                            .timer();
                    assertThat(processing.count()).isEqualTo(11);
                    assertThat(registry.find("rt.message.wait").tag("actor", "/user/app/counter").timer().count())
                            .isEqualTo(11);
                    assertThat(gauge(registry, "rt.actors", "state", "running")).isEqualTo(2); // app + counter
                    assertThat(gauge(registry, "rt.mailbox.depth", "actor", "/user/app/counter")).isZero();

                    counter.tell(new CounterMsg.Fail("boom"));
                    eventually().untilAsserted(() -> {
                        assertThat(count(registry, "rt.messages.failed")).isEqualTo(1);
                        assertThat(registry.find("rt.messages.dead").tag("reason", "failed").functionCounter().count())
                                .isEqualTo(1);
                        assertThat(registry.find("rt.supervisor.restarts").tag("supervisor", "app")
                                .tag("child", "counter").functionCounter().count()).isEqualTo(1);
                    });

                    assertThatThrownBy(() -> counter.ask(replyTo -> new CounterMsg.Add(0), Duration.ofMillis(50))
                            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).hasRootCauseInstanceOf(
                                    dev.rt.AskTimeoutException.class);
                    assertThat(registry.find("rt.ask.timeouts").functionCounter().count()).isEqualTo(1);
                });
    }

    @Test
    void samplingFollowsTheProperty() {
        runner.withPropertyValues("rt.metrics.sample-rate=0").withUserConfiguration(InstancesConfiguration.class,
                Counter.class).withPropertyValues("rt.supervisors.app.strategy=one-for-one").run(context -> {
                    ActorRef<CounterMsg> counter = context.getBean("counterActorRef", ActorRef.class);
                    assertThat(counter.<Long>ask(CounterMsg.Get::new).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                            .isZero();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    eventually().until(() -> count(registry, "rt.messages.delivered") == 1);
                    assertThat(registry.find("rt.message.processing").tag("actor", "/user/app/counter").timer()
                            .count()).isZero();
                });
    }

    @Test
    void theRouteesOfARouterAreMeasuredUnderTheRouter() {
        runner.withUserConfiguration(InstancesConfiguration.class, RtRoutersTests.JobWorker.class)
                .withPropertyValues("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.pool-size=3",
                        "rt.routers.jobs.max-restarts=5", "rt.metrics.sample-rate=1")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    ActorRef<RtRoutersTests.Job> jobs = context.getBean("jobsRouter", ActorRef.class);
                    for (int i = 0; i < 6; i++) {
                        int key = i;
                        assertThat(jobs.<String>ask(replyTo -> new RtRoutersTests.Job(key, replyTo))
                                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).startsWith("routee-");
                    }
                    eventually().untilAsserted(() -> assertThat(registry.find("rt.message.processing")
                            .tag("actor", "/user/jobs").timer().count()).isEqualTo(6));
                    assertThat(registry.find("rt.message.wait").tag("actor", "/user/jobs").timer().count())
                            .isEqualTo(6);
                    assertThat(gauge(registry, "rt.mailbox.depth", "actor", "/user/jobs")).isZero();

                    jobs.tell(new RtRoutersTests.Job(-1, null));
                    eventually().untilAsserted(() -> assertThat(registry.find("rt.supervisor.restarts")
                            .tag("supervisor", "jobs").tag("child", "routees").functionCounter().count())
                            .isEqualTo(1));
                    // bounded: no series per routee
                    assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                            .noneMatch(tag -> tag.getValue().contains("routee-")));
                });
    }

    @Test
    void theFileServiceIsMeasuredFromItsOwnCounters(@TempDir Path root) {
        runner.withConfiguration(AutoConfigurations.of(RtOslAutoConfiguration.class))
                .withPropertyValues("rt.osl.filesystem.enabled=true", "rt.osl.filesystem.root=" + root)
                .run(context -> {
                    assertThat(context).hasSingleBean(OslFileSystemMetrics.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    FileSystemClient files = context.getBean(FileSystemClient.class);
                    files.write("a.txt", "hello".getBytes(StandardCharsets.UTF_8))
                            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    files.read("a.txt").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    assertThatThrownBy(() -> files.read("missing.txt").get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                            .hasCauseInstanceOf(FileOperationException.class);

                    assertThat(operations(registry, "write", "success")).isEqualTo(1);
                    assertThat(operations(registry, "read", "success")).isEqualTo(1);
                    assertThat(operations(registry, "read", "not_found")).isEqualTo(1);
                    assertThat(operations(registry, "delete_file", "success")).isZero();
                    assertThat(registry.find("rt.osl.fs.bytes").tag("direction", "write").functionCounter().count())
                            .isEqualTo(5);
                    assertThat(registry.find("rt.osl.fs.bytes").tag("direction", "read").functionCounter().count())
                            .isEqualTo(5);
                });
    }

    @Test
    void theFileServiceIsNotMeasuredWhenItIsOff() {
        runner.withConfiguration(AutoConfigurations.of(RtOslAutoConfiguration.class)).run(context -> {
            assertThat(context).hasSingleBean(RtMeterBinder.class).doesNotHaveBean(OslFileSystemMetrics.class);
            assertThat(context.getBean(MeterRegistry.class).find("rt.osl.fs.operations").meters()).isEmpty();
        });
    }

    @Test
    void withoutMicrometerTheFileServiceStillRuns(@TempDir Path root) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class, RtOslAutoConfiguration.class,
                        RtMetricsAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withPropertyValues("rt.osl.filesystem.enabled=true", "rt.osl.filesystem.root=" + root)
                .run(context -> {
                    assertThat(context).hasSingleBean(FileSystemClient.class)
                            .doesNotHaveBean(OslFileSystemMetrics.class).doesNotHaveBean(RtMeterBinder.class);
                    FileSystemClient files = context.getBean(FileSystemClient.class);
                    files.write("a.txt", "hi".getBytes(StandardCharsets.UTF_8))
                            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("hi");
                });
    }

    private static double operations(MeterRegistry registry, String operation, String outcome) {
        FunctionCounter counter = registry.find("rt.osl.fs.operations").tag("operation", operation)
                .tag("outcome", outcome).functionCounter();
        return counter == null ? -1 : counter.count();
    }

    private static double count(MeterRegistry registry, String name) {
        FunctionCounter counter = registry.find(name).functionCounter();
        return counter == null ? -1 : counter.count();
    }

    private static double gauge(MeterRegistry registry, String name, String tag, String value) {
        Gauge gauge = registry.find(name).tag(tag, value).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBinder {
        @Bean
        RtMeterBinder userMeterBinder(ActorSystem system) {
            return new RtMeterBinder(system, new ActorSystemCensus(system, Set.of(), Duration.ZERO));
        }
    }
}
