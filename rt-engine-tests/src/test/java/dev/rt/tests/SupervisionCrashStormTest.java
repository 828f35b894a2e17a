package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.started;
import static dev.rt.tests.TestSupport.runtimeThreads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.SupervisionStrategy;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import dev.rt.SupervisorSnapshot.State;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.DeliveryStats;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thousands of failures from several threads at once under one ONE_FOR_ONE supervisor: every message is
 * accounted for (handled or dead-lettered FAILED), nothing deadlocks, and the system shuts down cleanly.
 */
@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionCrashStormTest {

    private static final int CHILDREN = 16;
    private static final int SENDERS = 4;
    private static final int MESSAGES_PER_SENDER = 10_000;
    private static final int BOOM_EVERY = 5; // 20 %

    /** Counts what it handles; "boom" throws. */
    static final class Worker implements Actor<String> {
        private final LongAdder handled;

        Worker(LongAdder handled) {
            this.handled = handled;
        }

        @Override
        public void onMessage(String message, ActorContext<String> ctx) {
            if ("boom".equals(message)) {
                throw new IllegalStateException("boom");
            }
            handled.increment();
        }
    }

    @Test
    void everyMessageIsAccountedForAndTheSystemShutsDownCleanly() throws Exception {
        String name = "crashstorm";
        LongAdder handled = new LongAdder();
        AtomicInteger instances = new AtomicInteger();
        ActorSystem system = ActorSystem.builder(name).build();
        boolean terminated = false;
        try {
            SupervisorSpec.Builder spec = SupervisorSpec.builder("storm")
                    .strategy(SupervisionStrategy.ONE_FOR_ONE)
                    .intensity(100_000, Duration.ofSeconds(1));
            for (int i = 0; i < CHILDREN; i++) {
                spec.child(ChildSpec.actor("w" + i, () -> {
                    instances.incrementAndGet();
                    return new Worker(handled);
                }));
            }
            Supervisor sup = started(system.supervise(spec.build()));
            List<ActorRef<String>> workers = new ArrayList<>();
            for (int i = 0; i < CHILDREN; i++) {
                workers.add(sup.<String>child("w" + i).orElseThrow());
            }

            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> senderError = new AtomicReference<>();
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                Thread thread = new Thread(() -> {
                    try {
                        assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
                        for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                            ActorRef<String> target = workers.get((i * 7 + sender) % CHILDREN);
                            target.tell(i % BOOM_EVERY == 0 ? "boom" : "msg");
                        }
                    } catch (Throwable e) {
                        senderError.set(e);
                    }
                }, "storm-sender-" + s);
                senders.add(thread);
                thread.start();
            }
            long sent = (long) SENDERS * MESSAGES_PER_SENDER;
            long booms = (long) SENDERS * (MESSAGES_PER_SENDER / BOOM_EVERY);

            go.countDown();
            for (Thread thread : senders) {
                thread.join(TimeUnit.SECONDS.toMillis(20));
                assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
            }
            assertThat(senderError.get()).isNull();

            eventually().atMost(Duration.ofSeconds(30)).until(() -> handled.sum() == sent - booms
                    && system.deadLetters().count(DeadLetterReason.FAILED) == booms
                    && sup.snapshot().state() == State.RUNNING
                    && sup.snapshot().children().stream().allMatch(c -> c.state() == State.RUNNING));

            DeliveryStats stats = system.stats();
            assertThat(stats.sent()).isEqualTo(sent);
            assertThat(stats.delivered() + stats.deadLettered()).isEqualTo(stats.sent());
            assertThat(stats.delivered()).isEqualTo(sent - booms);
            assertThat(stats.failed()).isEqualTo(booms);
            assertThat(stats.mailboxDepth()).isZero();
            assertThat(system.deadLetters().count(DeadLetterReason.FAILED)).isEqualTo(booms);
            assertThat(system.deadLetters().total()).isEqualTo(booms);
            // one restart, with a fresh instance, per failure
            assertThat(instances.get()).isEqualTo(CHILDREN + booms);
            assertThat(sup.snapshot().children().stream().mapToInt(SupervisorSnapshot.Child::restarts).sum())
                    .isEqualTo((int) booms);
            assertThat(sup.snapshot().lastFailure().type()).isEqualTo(IllegalStateException.class.getName());
            assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);

            terminated = system.terminate(Duration.ofSeconds(10));
            assertThat(terminated).isTrue();
            eventually().atMost(Duration.ofSeconds(5)).until(() -> runtimeThreads(name).isEmpty());
        } finally {
            if (!terminated) {
            }
        }
    }

    /** A smaller storm for every strategy: sibling restarts keep every mailbox, so nothing is lost either. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SupervisionStrategy.class)
    void siblingRestartsUnderLoadLoseNothing(SupervisionStrategy strategy, ActorTestKit kit) throws Exception {
        int children = 6;
        int senders = 3;
        int perSender = 3_000;
        LongAdder handled = new LongAdder();
        ActorSystem system = kit.system();
        SupervisorSpec.Builder spec = SupervisorSpec.builder("storm")
                .strategy(strategy)
                .intensity(1_000_000, Duration.ofSeconds(1));
        for (int i = 0; i < children; i++) {
            spec.child(ChildSpec.actor("w" + i, () -> new Worker(handled)));
        }
        Supervisor sup = started(system.supervise(spec.build()));
        List<ActorRef<String>> workers = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            workers.add(sup.<String>child("w" + i).orElseThrow());
        }
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perSender; i++) {
                    workers.get((i * 5 + sender) % children).tell(i % 10 == 0 ? "boom" : "msg");
                }
            }, "sibling-storm-sender-" + s);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(thread.isAlive()).isFalse();
        }
        long sent = (long) senders * perSender;
        long booms = (long) senders * (perSender / 10);

        eventually().atMost(Duration.ofSeconds(30)).until(() -> handled.sum() == sent - booms
                && system.deadLetters().count(DeadLetterReason.FAILED) == booms
                && sup.snapshot().state() == State.RUNNING
                && sup.snapshot().children().stream().allMatch(c -> c.state() == State.RUNNING));
        DeliveryStats stats = system.stats();
        assertThat(stats.sent()).isEqualTo(sent);
        assertThat(stats.delivered() + stats.deadLettered()).isEqualTo(sent);
        assertThat(system.deadLetters().total()).isEqualTo(booms);
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo((int) booms); // one decision per failure
        assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);
        SupervisionTestKit.terminate(system);
    }
}
