package dev.rt.spring.autoconfigure;

import static dev.rt.spring.autoconfigure.TestActors.WAIT;
import static dev.rt.spring.autoconfigure.TestActors.analyze;
import static dev.rt.spring.autoconfigure.TestActors.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.Router;
import dev.rt.spring.RtActor;
import dev.rt.spring.autoconfigure.TestActors.Instances;
import dev.rt.spring.autoconfigure.TestActors.InstancesConfiguration;
import dev.rt.spring.autoconfigure.TestActors.Left;
import dev.rt.spring.health.RtHealthContributor;
import dev.rt.spring.router.RouterBeanRef;
import dev.rt.spring.router.RouterLifecycle;
import dev.rt.spring.router.RouterRefs;
import dev.rt.spring.router.RouterTopology;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Pool routers from {@code rt.routers.*}: injectable refs over routees made by an actor bean. */
class RtRoutersTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class))
            .withUserConfiguration(InstancesConfiguration.class, JobWorker.class);

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String ask(ActorRef<Job> router, int key) throws Exception {
        return await(router.<String>ask(replyTo -> new Job(key, replyTo)));
    }

    @Test
    void noRoutersByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RouterLifecycle.class);
            assertThat(context.getBean(RouterTopology.class).routers()).isEmpty();
            assertThat(context.getBean(ActorSystem.class).lookup("/user/jobWorker")).isPresent();
        });
    }

    @Test
    void aRouterIsInjectableByTypeAndByQualifierAndRoundRobinsOverFreshRoutees() {
        runner.withUserConfiguration(JobClients.class)
                .withPropertyValues("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.pool-size=3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JobClients clients = context.getBean(JobClients.class);
                    assertThat(clients.byType).isSameAs(clients.byName).isSameAs(clients.router)
                            .isSameAs(context.getBean("jobsRouter")).isInstanceOf(RouterBeanRef.class);
                    assertThat(clients.byType.address().path()).isEqualTo("/user/jobs");
                    ActorSystem system = context.getBean(ActorSystem.class);
                    assertThat(system.supervisor("/user/jobs")).isPresent();
                    // the actor bean is the routees' template: not started on its own, no ref of its own
                    assertThat(system.lookup("/user/jobWorker")).isEmpty();
                    assertThat(context).doesNotHaveBean("jobWorkerActorRef");
                    assertThat(context.getBean(Instances.class).count("jobWorker")).isEqualTo(3);
                    assertThat(clients.router.routees().size()).isEqualTo(3);

                    Map<String, Integer> handledBy = new TreeMap<>();
                    for (int i = 0; i < 9; i++) {
                        handledBy.merge(ask(clients.byType, i), 1, Integer::sum);
                    }
                    assertThat(handledBy).containsExactly(entry("routee-1", 3), entry("routee-2", 3),
                            entry("routee-3", 3));
                });
    }

    @Test
    void everyRouteeRestartAsksTheBeanFactoryForAFreshInstance() {
        runner.withPropertyValues("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.pool-size=2",
                "rt.routers.jobs.max-restarts=5").run(context -> {
                    RouterBeanRef<Job> jobs = context.getBean("jobsRouter", RouterBeanRef.class);
                    Instances instances = context.getBean(Instances.class);
                    assertThat(instances.count("jobWorker")).isEqualTo(2);
                    jobs.tell(new Job(-1, null));
                    eventually().until(() -> instances.count("jobWorker") == 3);
                    eventually().until(() -> jobs.pool().supervisor().snapshot().restartsInWindow() == 1);
                    Set<String> answered = new HashSet<>();
                    for (int i = 0; i < 4; i++) {
                        answered.add(ask(jobs, i));
                    }
                    assertThat(answered).containsExactlyInAnyOrder("routee-1", "routee-2");
                    assertThat(jobs.routees().size()).isEqualTo(2);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"round-robin", "random", "smallest-mailbox", "broadcast"})
    void everyStrategyRoutes(String strategy) {
        runner.withPropertyValues("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.pool-size=2",
                "rt.routers.jobs.strategy=" + strategy).run(context -> {
                    RouterBeanRef<Job> jobs = context.getBean("jobsRouter", RouterBeanRef.class);
                    assertThat(ask(jobs, 1)).startsWith("routee-");
                });
    }

    @Test
    void broadcastReachesEveryRoutee() {
        runner.withUserConfiguration(TallyConfiguration.class, TallyActor.class)
                .withPropertyValues("rt.routers.tallies.actor=tally", "rt.routers.tallies.pool-size=3",
                        "rt.routers.tallies.strategy=broadcast").run(context -> {
                    ActorRef<String> tallies = context.getBean("talliesRouter", ActorRef.class);
                    tallies.tell("hello");
                    Tally tally = context.getBean(Tally.class);
                    eventually().until(() -> tally.seen.size() == 3);
                    assertThat(tally.seen).containsOnlyKeys("routee-1", "routee-2", "routee-3");
                });
    }

    @Test
    void consistentHashingSendsEqualKeysToTheSameRoutee() {
        runner.withUserConfiguration(JobKey.class)
                .withPropertyValues("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.pool-size=3",
                        "rt.routers.jobs.strategy=consistent-hashing", "rt.routers.jobs.hash-key-bean=jobKey")
                .run(context -> {
                    RouterBeanRef<Job> jobs = context.getBean("jobsRouter", RouterBeanRef.class);
                    Set<String> forSeven = new HashSet<>();
                    for (int i = 0; i < 5; i++) {
                        forSeven.add(ask(jobs, 7));
                    }
                    assertThat(forSeven).hasSize(1);
                    Set<String> forMany = new HashSet<>();
                    for (int key = 0; key < 30; key++) {
                        forMany.add(ask(jobs, key));
                    }
                    assertThat(forMany).hasSizeGreaterThan(1);
                });
    }

    @Test
    void routerSupervisorsShowInHealth() {
        runner.withConfiguration(AutoConfigurations.of(RtHealthContributorAutoConfiguration.class))
                .withPropertyValues("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.pool-size=2")
                .run(context -> {
                    RtHealthContributor rt = context.getBean(RtHealthContributor.class);
                    assertThat(rt.stream().map(HealthContributors.Entry::name)).contains("jobs");
                    HealthIndicator jobs = (HealthIndicator) rt.getContributor("jobs");
                    assertThat(jobs.health().getStatus()).isEqualTo(Status.UP);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> children = (Map<String, Object>) jobs.health().getDetails().get("children");
                    assertThat(children).containsOnlyKeys("routee-1", "routee-2");
                });
    }

    @Test
    void aRouterRefBeforeTheContextStartsSaysSo() {
        RouterBeanRef<Job> early = new RouterRefs().ref("jobs");
        assertThat(early.isStarted()).isFalse();
        assertThatIllegalStateException()
                .isThrownBy(() -> early.tell(new Job(1, null)))
                .withMessageContaining("router 'jobs' is not running yet");
    }

    static Stream<Arguments> invalidRouters() {
        return Stream.of(
                Arguments.of(List.of("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.strategy=fastest"),
                        "rt.routers.jobs.strategy = 'fastest'",
                        "round-robin, random, smallest-mailbox, consistent-hashing, broadcast"),
                Arguments.of(List.of("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.pool-size=0"),
                        "rt.routers.jobs.pool-size = '0'", "Set rt.routers.jobs.pool-size to 1 or more"),
                Arguments.of(List.of("rt.routers.jobs.actor=nobody"),
                        "rt.routers.jobs.actor = 'nobody': no @RtActor bean is named 'nobody'", "declared: jobWorker"),
                Arguments.of(List.of("rt.routers.jobs.pool-size=2"),
                        "rt.routers.jobs.actor: no actor bean is set", "Set rt.routers.jobs.actor"),
                Arguments.of(List.of("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.strategy=consistent-hashing"),
                        "rt.routers.jobs.hash-key-bean", "java.util.function.Function<M, ?>"),
                Arguments.of(List.of("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.strategy=consistent-hashing",
                        "rt.routers.jobs.hash-key-bean=missingKey"),
                        "rt.routers.jobs.hash-key-bean = 'missingKey': no bean is named 'missingKey'",
                        "java.util.function.Function<" + Job.class.getName() + ", ?>"),
                Arguments.of(List.of("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.hash-key-bean=jobKey"),
                        "only the consistent-hashing strategy uses a key", "Remove rt.routers.jobs.hash-key-bean"),
                Arguments.of(List.of("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.max-restarts=-1"),
                        "rt.routers.jobs.max-restarts = '-1'", "0 (give up on the first failure) or more"),
                Arguments.of(List.of("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.period=0s"),
                        "rt.routers.jobs.period", "positive duration"),
                Arguments.of(List.of("rt.routers[a/b].actor=jobWorker"), "rt.routers.a/b = 'a/b'", "letters, digits"),
                Arguments.of(List.of("rt.routers.jobs.actor=jobWorker", "rt.supervisors.jobs.max-restarts=1"),
                        "rt.routers.jobs = 'jobs': /user/jobs is already taken by supervisor 'jobs'",
                        "Rename the router or the supervisor 'jobs'"),
                Arguments.of(List.of("rt.routers.left.actor=jobWorker"),
                        "rt.routers.left = 'left': the actor bean " + Left.class.getName() + " has the same name",
                        "Rename the router or the actor"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRouters")
    void anInvalidRouterFailsStartupNamingThePropertyAndWhatToDo(List<String> properties, String description,
                                                                 String action) {
        runner.withUserConfiguration(Left.class, JobKey.class).withPropertyValues(properties.toArray(String[]::new))
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
                    assertThat(analysis.getDescription()).contains(description);
                    assertThat(analysis.getAction()).contains(action);
                });
    }

    @Test
    void aKeyFunctionOfAnotherMessageTypeFailsStartup() {
        runner.withUserConfiguration(TextKey.class)
                .withPropertyValues("rt.routers.jobs.actor=jobWorker", "rt.routers.jobs.strategy=consistent-hashing",
                        "rt.routers.jobs.hash-key-bean=textKey")
                .run(context -> {
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("rt.routers.jobs.hash-key-bean = 'textKey'")
                            .contains("the function takes java.lang.String")
                            .contains("the routees' messages are " + Job.class.getName());
                });
    }

    @Test
    void aRouteeUnderASupervisorFailsStartup() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class))
                .withUserConfiguration(InstancesConfiguration.class, SupervisedWorker.class)
                .withPropertyValues("rt.supervisors.app.max-restarts=1", "rt.routers.jobs.actor=supervisedWorker")
                .run(context -> {
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .contains("@RtActor(supervisor) on " + SupervisedWorker.class.getName() + " = 'app'")
                            .contains("routees run under the router's own supervisor /user/jobs");
                    assertThat(analysis.getAction()).contains("Remove the supervisor attribute");
                });
    }

    @Test
    void aRouteeThatCannotStartFailsStartup() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class))
                .withUserConfiguration(BrokenWorker.class)
                .withPropertyValues("rt.routers.jobs.actor=brokenWorker", "rt.routers.jobs.max-restarts=1")
                .run(context -> {
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
                    assertThat(analysis.getDescription()).contains("Router 'jobs' could not start its routees");
                    assertThat(analysis.getAction()).contains("rt.routers.jobs.actor");
                });
    }

    /** A job; the routee answers with its own name, or throws for a negative key. */
    record Job(int key, ActorRef<String> replyTo) {
    }

    /** The routees' template: a prototype actor bean. */
    @RtActor(name = "jobWorker")
    static class JobWorker implements Actor<Job> {
        JobWorker(Instances instances) {
            instances.created("jobWorker");
        }

        @Override
        public void onMessage(Job job, ActorContext<Job> ctx) {
            if (job.key() < 0) {
                throw new IllegalStateException("job " + job.key() + " crashed");
            }
            job.replyTo().tell(ctx.self().address().name());
        }
    }

    static class JobClients {
        final ActorRef<Job> byType;
        final ActorRef<Job> byName;
        final Router<Job> router;

        JobClients(ActorRef<Job> byType, @Qualifier("jobs") ActorRef<Job> byName, Router<Job> router) {
            this.byType = byType;
            this.byName = byName;
            this.router = router;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JobKey {
        @Bean
        Function<Job, Integer> jobKey() {
            return Job::key;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TextKey {
        @Bean
        Function<String, Integer> textKey() {
            return String::length;
        }
    }

    /** Which routees saw a message. */
    static final class Tally {
        final Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
    }

    @Configuration(proxyBeanMethods = false)
    static class TallyConfiguration {
        @Bean
        Tally tallyRecord() {
            return new Tally();
        }
    }

    @RtActor(name = "tally")
    static class TallyActor implements Actor<String> {
        private final Tally tally;

        TallyActor(Tally tally) {
            this.tally = tally;
        }

        @Override
        public void onMessage(String message, ActorContext<String> ctx) {
            tally.seen.put(ctx.self().address().name(), message);
        }
    }

    @RtActor(name = "supervisedWorker", supervisor = "app")
    static class SupervisedWorker extends JobWorker {
        SupervisedWorker(Instances instances) {
            super(instances);
        }
    }

    @RtActor(name = "brokenWorker")
    static class BrokenWorker implements Actor<Job> {
        BrokenWorker() {
            throw new IllegalStateException("no database");
        }

        @Override
        public void onMessage(Job job, ActorContext<Job> ctx) {
        }
    }
}
