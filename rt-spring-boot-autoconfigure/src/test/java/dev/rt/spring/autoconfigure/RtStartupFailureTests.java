package dev.rt.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.MailboxConfig;
import dev.rt.SupervisorSpec;
import dev.rt.spring.RtActor;
import dev.rt.spring.autoconfigure.TestActors.Counter;
import dev.rt.spring.autoconfigure.TestActors.InstancesConfiguration;
import dev.rt.spring.autoconfigure.TestActors.Left;
import dev.rt.spring.autoconfigure.TestActors.Ping;
import dev.rt.spring.autoconfigure.TestActors.Right;
import dev.rt.spring.diagnostics.ActorRefInjectionFailureAnalyzer;
import dev.rt.spring.diagnostics.RtPropertyBindFailureAnalyzer;
import dev.rt.spring.diagnostics.RtStartupFailureAnalyzer;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/** Every invalid rt setting fails startup with an analysis that names the property and what to do. */
@ExtendWith(OutputCaptureExtension.class)
class RtStartupFailureTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class));

    static Stream<Arguments> invalidProperties() {
        return Stream.of(
                Arguments.of(List.of("rt.default-mailbox.kind=bounded", "rt.default-mailbox.capacity=-1"),
                        "rt.default-mailbox.capacity = '-1'", "to 1 or more"),
                Arguments.of(List.of("rt.default-mailbox.block-timeout=0s"),
                        "rt.default-mailbox.block-timeout", "positive duration"),
                Arguments.of(List.of("rt.default-mailbox.kind=tiny"),
                        "rt.default-mailbox.kind = 'tiny'", "unbounded, bounded, priority"),
                Arguments.of(List.of("rt.supervisors.app.strategy=one-for-nothing"),
                        "rt.supervisors.app.strategy = 'one-for-nothing'", "one-for-one, one-for-all, rest-for-one"),
                Arguments.of(List.of("rt.supervisors.app.parent=missing"),
                        "rt.supervisors.app.parent = 'missing'", "rt.supervisors.missing"),
                Arguments.of(List.of("rt.supervisors.app.parent=app"),
                        "rt.supervisors.app.parent = 'app'", "remove the parent"),
                Arguments.of(List.of("rt.supervisors.a.parent=b", "rt.supervisors.b.parent=a"),
                        "cycle", "top-level"),
                Arguments.of(List.of("rt.supervisors.app.max-restarts=-1"),
                        "rt.supervisors.app.max-restarts = '-1'", "0 (give up on the first failure) or more"),
                Arguments.of(List.of("rt.supervisors.app.period=0s"),
                        "rt.supervisors.app.period", "positive duration"),
                Arguments.of(List.of("rt.supervisors.app.period=soon"),
                        "rt.supervisors.app.period = 'soon'", "a duration such as"),
                Arguments.of(List.of("rt.supervisors.app.backoff.min=2s", "rt.supervisors.app.backoff.max=1s"),
                        "rt.supervisors.app.backoff.max", "at least rt.supervisors.app.backoff.min"),
                Arguments.of(List.of("rt.supervisors.app.backoff.min=1s", "rt.supervisors.app.backoff.jitter=1.5"),
                        "rt.supervisors.app.backoff.jitter = '1.5'", "from 0"),
                Arguments.of(List.of("rt.supervisors[a/b].strategy=one-for-one"),
                        "rt.supervisors.a/b = 'a/b'", "letters, digits"),
                Arguments.of(List.of("rt.metrics.sample-rate=3"), "rt.metrics.sample-rate = '3'", "power of two"),
                Arguments.of(List.of("rt.dispatcher.parallelism=0"), "rt.dispatcher.parallelism = '0'", "1 or more"),
                Arguments.of(List.of("rt.dispatcher.throughput=0"), "rt.dispatcher.throughput = '0'", "1 or more"),
                Arguments.of(List.of("rt.dispatcher.blocking-pool-size=0"),
                        "rt.dispatcher.blocking-pool-size = '0'", "1 or more"),
                Arguments.of(List.of("rt.dispatcher.idle-strategy=spin"),
                        "rt.dispatcher.idle-strategy = 'spin'", "backoff, park"),
                Arguments.of(List.of("rt.ask-timeout=0s"), "rt.ask-timeout", "positive duration"),
                Arguments.of(List.of("rt.startup.timeout=-1s"), "rt.startup.timeout", "positive duration"),
                Arguments.of(List.of("rt.shutdown.timeout=-1s"), "rt.shutdown.timeout", "positive duration"),
                Arguments.of(List.of("rt.system-name=my shop"), "rt.system-name = 'my shop'", "letters, digits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidProperties")
    void anInvalidPropertyFailsStartupNamingItAndWhatToDo(List<String> properties, String description,
                                                          String action) {
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains("Invalid rt configuration").contains(description);
            assertThat(analysis.getAction()).contains(action);
        });
    }

    static Stream<Arguments> invalidActorBeans() {
        return Stream.of(
                Arguments.of(Counter.class, "@RtActor(supervisor) on " + Counter.class.getName() + " = 'app'",
                        "Declare it under rt.supervisors.app or as a SupervisorSpec bean"),
                Arguments.of(NotAnActor.class, "@RtActor on " + NotAnActor.class.getName(), "Implement Actor<M>"),
                Arguments.of(TinyMailbox.class, "@RtActor(mailboxCapacity) on " + TinyMailbox.class.getName()
                        + " = '0'", "Set mailboxCapacity to 1 or more"),
                Arguments.of(BadName.class, "@RtActor(name) on " + BadName.class.getName() + " = 'a/b'",
                        "letters, digits"),
                Arguments.of(BadTimeout.class, "@RtActor(shutdownTimeout) on " + BadTimeout.class.getName()
                        + " = 'later'", "a duration such as"),
                Arguments.of(TwinLeft.class, "@RtActor(name) on ", "unique name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidActorBeans")
    void anInvalidActorBeanFailsStartupNamingTheAttribute(Class<?> actor, String description, String action) {
        runner.withUserConfiguration(InstancesConfiguration.class, Left.class, actor).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains(description);
            assertThat(analysis.getAction()).contains(action);
        });
    }

    @Test
    void aSupervisorDeclaredTwiceFailsStartup() {
        runner.withUserConfiguration(AppSpec.class).withPropertyValues("rt.supervisors.app.max-restarts=1")
                .run(context -> {
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("rt.supervisors.app")
                            .contains("SupervisorSpec bean 'app'");
                    assertThat(analysis.getAction()).contains("Rename one of them");
                });
    }

    @Test
    void theAnalyzersAreRegisteredWithSpringBoot() throws Exception {
        Properties factories = PropertiesLoaderUtils.loadProperties(new ClassPathResource("META-INF/spring.factories"));
        assertThat(factories.getProperty(FailureAnalyzer.class.getName()))
                .contains(RtStartupFailureAnalyzer.class.getName())
                .contains(RtPropertyBindFailureAnalyzer.class.getName())
                .contains(ActorRefInjectionFailureAnalyzer.class.getName());
    }

    @Test
    void theReportShowsWhereTheInvalidPropertyWasSet(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(EmptyApplication.class)
                .web(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.name=invalid-rt")).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("rt.default-mailbox.capacity = '-5'")
                .contains("invalid-rt.yml")
                .contains("Set rt.default-mailbox.capacity to 1 or more");
    }

    @Test
    void aMissingActorRefNamesTheActorsThereAre(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(MissingRefApplication.class)
                .web(WebApplicationType.NONE);
        assertThatThrownBy(application::run).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("requires dev.rt.ActorRef<java.lang.Long>, but no actor ref matches")
                .contains("leftActorRef: dev.rt.ActorRef<" + Ping.class.getName() + "> @Qualifier(\"left\") - ActorRef of "
                        + "actor 'left' (" + Left.class.getName() + ")")
                .contains("rightActorRef")
                .contains("declare the actor: a class implementing Actor<M> annotated with @RtActor");
    }

    @Test
    void anAmbiguousActorRefNamesTheCandidates(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(AmbiguousRefApplication.class)
                .web(WebApplicationType.NONE);
        assertThatThrownBy(application::run).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("but 2 actor refs match: [leftActorRef, rightActorRef]")
                .contains("Select one actor with @Qualifier(\"<actor name>\")");
    }

    private static FailureAnalysis analyze(Throwable failure) {
        List<FailureAnalyzer> analyzers = List.of(new RtStartupFailureAnalyzer(null),
                new RtPropertyBindFailureAnalyzer(), new ActorRefInjectionFailureAnalyzer(null));
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }

    @RtActor
    static class NotAnActor {
    }

    @RtActor(name = "tiny", mailbox = RtActor.Mailbox.BOUNDED, mailboxCapacity = 0,
            backpressure = MailboxConfig.Backpressure.DROP_OLDEST)
    static class TinyMailbox implements Actor<String> {
        @Override
        public void onMessage(String message, ActorContext<String> ctx) {
        }
    }

    @RtActor(name = "a/b")
    static class BadName implements Actor<String> {
        @Override
        public void onMessage(String message, ActorContext<String> ctx) {
        }
    }

    @RtActor(name = "late", shutdownTimeout = "later")
    static class BadTimeout implements Actor<String> {
        @Override
        public void onMessage(String message, ActorContext<String> ctx) {
        }
    }

    @RtActor(name = "left")
    static class TwinLeft implements Actor<String> {
        @Override
        public void onMessage(String message, ActorContext<String> ctx) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AppSpec {
        @Bean
        SupervisorSpec app() {
            return SupervisorSpec.builder("app").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(RtAutoConfiguration.class)
    static class EmptyApplication {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(RtAutoConfiguration.class)
    @Import({InstancesConfiguration.class, Left.class, Right.class})
    static class MissingRefApplication {
        @Bean
        String needsARef(ActorRef<Long> numbers) {
            return numbers.toString();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(RtAutoConfiguration.class)
    @Import({InstancesConfiguration.class, Left.class, Right.class})
    static class AmbiguousRefApplication {
        @Bean
        String needsARef(ActorRef<Ping> ping) {
            return ping.toString();
        }
    }
}
