package dev.rt.spring.autoconfigure;

import static dev.rt.spring.autoconfigure.TestActors.WAIT;
import static dev.rt.spring.autoconfigure.TestActors.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.SupervisionStrategy;
import dev.rt.SupervisorSpec;
import dev.rt.spring.ActorSystemCustomizer;
import dev.rt.spring.RtStartupException;
import dev.rt.spring.actor.ActorBeanRef;
import dev.rt.spring.actor.ActorSystemLifecycle;
import dev.rt.spring.autoconfigure.TestActors.Counter;
import dev.rt.spring.autoconfigure.TestActors.CounterMsg;
import dev.rt.spring.autoconfigure.TestActors.Instances;
import dev.rt.spring.autoconfigure.TestActors.InstancesConfiguration;
import dev.rt.spring.autoconfigure.TestActors.Journal;
import dev.rt.spring.autoconfigure.TestActors.JournalActor;
import dev.rt.spring.autoconfigure.TestActors.Left;
import dev.rt.spring.autoconfigure.TestActors.Ping;
import dev.rt.spring.autoconfigure.TestActors.Right;
import dev.rt.spring.autoconfigure.TestActors.Worker;
import dev.rt.spring.autoconfigure.TestActors.WorkerMsg;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class RtAutoConfigurationTests {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class));

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void providesAnActorSystemNamedAfterTheApplication() {
        runner.withPropertyValues("spring.application.name=orders", "rt.ask-timeout=2s").run(context -> {
            ActorSystem system = context.getBean(ActorSystem.class);
            assertThat(system.name()).isEqualTo("orders");
            assertThat(system.askTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);
            assertThat(context).hasSingleBean(ActorSystemLifecycle.class);
        });
    }

    @Test
    void theSystemNamePropertyWinsAndApplicationNamesAreMadeValid() {
        runner.withPropertyValues("spring.application.name=orders", "rt.system-name=shop")
                .run(context -> assertThat(context.getBean(ActorSystem.class).name()).isEqualTo("shop"));
        runner.withPropertyValues("spring.application.name=my shop/eu")
                .run(context -> assertThat(context.getBean(ActorSystem.class).name()).isEqualTo("my-shop-eu"));
        runner.run(context -> assertThat(context.getBean(ActorSystem.class).name()).isEqualTo("rt"));
    }

    @Test
    void dispatcherPropertiesSizeTheDefaultDispatcher() {
        String name = "dispatch" + NAMES.incrementAndGet();
        runner.withPropertyValues("rt.system-name=" + name, "rt.dispatcher.parallelism=3",
                "rt.dispatcher.idle-strategy=park", "rt.dispatcher.throughput=8").run(context -> {
                    assertThat(context).hasNotFailed();
                    eventually().until(() -> threads("rt-" + name + "-default-") == 3);
                });
    }

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix)).count();
    }

    @Test
    void customizersApplyInOrderAfterTheProperties() {
        runner.withPropertyValues("rt.ask-timeout=9s").withUserConfiguration(Customizers.class)
                .run(context -> assertThat(context.getBean(ActorSystem.class).askTimeout())
                        .isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void terminatesTheSystemWithTheContext() {
        ActorSystem[] captured = new ActorSystem[1];
        runner.run(context -> captured[0] = context.getBean(ActorSystem.class));
        assertThat(captured[0].state()).isEqualTo(ActorSystem.State.TERMINATED);
    }

    @Test
    void aUserDefinedSystemWinsAndStillRunsTheActorBeans() {
        runner.withUserConfiguration(UserSystem.class, InstancesConfiguration.class, Left.class).run(context -> {
            assertThat(context).hasSingleBean(ActorSystem.class);
            ActorSystem system = context.getBean(ActorSystem.class);
            assertThat(system.name()).isEqualTo("mine");
            assertThat(system.lookup("/user/left")).isPresent();
        });
    }

    @Test
    void actorBeansStartUnderTheirSupervisorWithTheirDependencies() {
        runner.withUserConfiguration(InstancesConfiguration.class, Counter.class, CounterClient.class)
                .withPropertyValues("rt.supervisors.app.strategy=one-for-all").run(context -> {
                    ActorSystem system = context.getBean(ActorSystem.class);
                    assertThat(system.supervisor("/user/app")).map(s -> s.snapshot().strategy())
                            .contains(SupervisionStrategy.ONE_FOR_ALL);
                    assertThat(system.lookup("/user/app/counter")).isPresent();
                    ActorRef<CounterMsg> counter = context.getBean(CounterClient.class).counter;
                    counter.tell(new CounterMsg.Add(5));
                    counter.tell(new CounterMsg.Add(7));
                    assertThat(await(counter.<Long>ask(CounterMsg.Get::new))).isEqualTo(12L);
                    assertThat(counter.address().path()).isEqualTo("/user/app/counter");
                    assertThat(context.getBean(Instances.class).count("counter")).isEqualTo(1);
                });
    }

    @Test
    void everyRestartAsksTheBeanFactoryForAFreshInstance() {
        runner.withUserConfiguration(InstancesConfiguration.class, Counter.class, CounterClient.class)
                .withPropertyValues("rt.supervisors.app.max-restarts=5").run(context -> {
                    ActorRef<CounterMsg> counter = context.getBean(CounterClient.class).counter;
                    Instances instances = context.getBean(Instances.class);
                    counter.tell(new CounterMsg.Add(5));
                    counter.tell(new CounterMsg.Fail("boom"));
                    eventually().until(() -> instances.count("counter") == 2);
                    assertThat(await(counter.<Long>ask(CounterMsg.Get::new))).isZero();
                });
    }

    @Test
    void refsOfTheSameMessageTypeAreSelectedByQualifier() {
        runner.withUserConfiguration(InstancesConfiguration.class, Left.class, Right.class, QualifiedClients.class)
                .run(context -> {
                    QualifiedClients clients = context.getBean(QualifiedClients.class);
                    assertThat(await(clients.left.<String>ask(Ping::new))).isEqualTo("left#1");
                    assertThat(await(clients.right.<String>ask(Ping::new))).isEqualTo("right#1");
                    assertThat(clients.left.address().path()).isEqualTo("/user/left");
                    assertThat(context.getBean("leftActorRef")).isSameAs(clients.left);
                });
    }

    @Test
    void supervisorSpecBeansTakeActorBeansIntoTheirNestedSupervisors() {
        runner.withUserConfiguration(InstancesConfiguration.class, ShopSpec.class, Worker.class).run(context -> {
            ActorSystem system = context.getBean(ActorSystem.class);
            assertThat(system.lookup("/user/shop/cache")).isPresent();
            assertThat(system.lookup("/user/shop/inner/worker")).isPresent();
            assertThat(system.supervisor("/user/shop/inner")).map(s -> s.snapshot().strategy())
                    .contains(SupervisionStrategy.REST_FOR_ONE);
        });
    }

    @Test
    void injectedRefsFollowTheActorToItsNextIncarnation() {
        runner.withUserConfiguration(InstancesConfiguration.class, Worker.class, WorkerClient.class)
                .withPropertyValues("rt.supervisors.outer.max-restarts=5", "rt.supervisors.inner.parent=outer",
                        "rt.supervisors.inner.max-restarts=0")
                .run(context -> {
                    ActorSystem system = context.getBean(ActorSystem.class);
                    ActorRef<WorkerMsg> worker = context.getBean(WorkerClient.class).worker;
                    assertThat(await(worker.<String>ask(WorkerMsg.Who::new))).isEqualTo("worker#1");
                    long firstUid = worker.address().uid();
                    assertThat(worker.address().path()).isEqualTo("/user/outer/inner/worker");

                    worker.tell(new WorkerMsg.Crash()); // inner gives up at once; outer restarts inner and its child
                    eventually().until(() -> context.getBean(Instances.class).count("worker") == 2
                            && system.lookup("/user/outer/inner/worker").isPresent());
                    eventually().untilAsserted(() ->
                            assertThat(await(worker.<String>ask(WorkerMsg.Who::new))).isEqualTo("worker#2"));
                    assertThat(worker.address().uid()).isNotEqualTo(firstUid);
                    assertThat(((ActorBeanRef<WorkerMsg>) worker).current())
                            .isSameAs(system.lookup("/user/outer/inner/worker").orElseThrow());
                });
    }

    @Test
    void closingTheContextDrainsQueuedMessages() {
        runner.withUserConfiguration(JournalConfiguration.class, JournalActor.class).run(context -> {
            ActorSystem system = context.getBean(ActorSystem.class);
            Journal journal = context.getBean(Journal.class);
            ActorRef<Integer> ref = context.getBean(JournalClient.class).journal;
            for (int i = 0; i <= 100; i++) {
                ref.tell(i); // the first one holds the actor until the gate opens: the rest wait in the mailbox
            }
            Thread opener = new Thread(() -> {
                eventually().until(() -> system.state() != ActorSystem.State.RUNNING);
                journal.gate.countDown();
            });
            opener.start();
            context.close();
            opener.join(WAIT.toMillis());
            assertThat(journal.handled).hasValue(101);
            assertThat(system.state()).isEqualTo(ActorSystem.State.TERMINATED);
        });
    }

    @Test
    void anActorThatCannotStartFailsTheStartup() {
        runner.withUserConfiguration(BrokenConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasCauseInstanceOf(RtStartupException.class);
            assertThat(context.getStartupFailure().getCause()).hasMessageContaining("/user/app")
                    .hasMessageContaining("child 'db'").hasMessageContaining("no database");
        });
    }

    @Test
    void actorsStopAfterTheWebServerAndStartBeforeIt() {
        int webServerStopPhase = SmartLifecycle.DEFAULT_PHASE - 2048;
        assertThat(ActorSystemLifecycle.PHASE).isLessThan(webServerStopPhase);
    }

    @Configuration(proxyBeanMethods = false)
    static class UserSystem {
        @Bean(destroyMethod = "close")
        ActorSystem mySystem() {
            return ActorSystem.create("mine");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        @Order(2)
        ActorSystemCustomizer second() {
            return builder -> builder.askTimeout(Duration.ofSeconds(2));
        }

        @Bean
        @Order(1)
        ActorSystemCustomizer first() {
            return builder -> builder.askTimeout(Duration.ofSeconds(1));
        }
    }

    static class CounterClient {
        final ActorRef<CounterMsg> counter;

        CounterClient(ActorRef<CounterMsg> counter) {
            this.counter = counter;
        }
    }

    static class WorkerClient {
        final ActorRef<WorkerMsg> worker;

        WorkerClient(ActorRef<WorkerMsg> worker) {
            this.worker = worker;
        }
    }

    static class QualifiedClients {
        final ActorRef<Ping> left;
        final ActorRef<Ping> right;

        QualifiedClients(@Qualifier("left") ActorRef<Ping> left, @Qualifier("right") ActorRef<Ping> right) {
            this.left = left;
            this.right = right;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ShopSpec {
        @Bean
        SupervisorSpec shop() {
            return SupervisorSpec.builder("shop")
                    .child(ChildSpec.actor("cache", () -> (message, ctx) -> { }))
                    .child(ChildSpec.supervisor(SupervisorSpec.builder("inner")
                            .strategy(SupervisionStrategy.REST_FOR_ONE).build()))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JournalConfiguration {
        @Bean
        Journal journal() {
            return new Journal();
        }

        @Bean
        JournalClient journalClient(ActorRef<Integer> journal) {
            return new JournalClient(journal);
        }
    }

    record JournalClient(ActorRef<Integer> journal) {
    }

    @Configuration(proxyBeanMethods = false)
    static class BrokenConfiguration {
        @Bean
        SupervisorSpec app() {
            return SupervisorSpec.builder("app").intensity(1, Duration.ofMinutes(1))
                    .child(ChildSpec.actor("db", () -> {
                        throw new IllegalStateException("no database");
                    }))
                    .build();
        }
    }
}
