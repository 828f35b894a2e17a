package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker lingers on an actor whose mailbox ran dry only while it has nothing else to run. The lingers
 * here are a minute long, so a worker that failed to leave early would fail the test by timing out.
 */
class LingerTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long WAIT_SECONDS = 10;

    private WorkStealingDispatcher dispatcher;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (dispatcher != null) {
            dispatcher.shutdown();
            assertThat(dispatcher.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static DispatcherConfig oneWorkerLingering(Duration linger) {
        return new DispatcherConfig(DispatcherConfig.Kind.WORK_STEALING, 1, DispatcherConfig.DEFAULT_THROUGHPUT,
                new IdleStrategy(linger, Duration.ZERO, Duration.ZERO, Duration.ofMillis(100)));
    }

    private WorkStealingDispatcher start(Duration linger) {
        dispatcher = new WorkStealingDispatcher("linger", "linger-test-", oneWorkerLingering(linger));
        return dispatcher;
    }

    /** An actor whose only work is its mailbox. */
    private static Dispatcher.PendingWork actorWith(Mailbox mailbox) {
        return () -> !mailbox.isEmpty();
    }

    /** Runs {@code lingerOn} on the worker; {@code lingering} opens just before it is called. */
    private static CompletableFuture<Boolean> lingerOnWorker(WorkStealingDispatcher dispatcher, Mailbox mailbox,
                                                             CountDownLatch lingering, Runnable first) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        dispatcher.execute(() -> {
            first.run();
            lingering.countDown();
            result.complete(dispatcher.lingerOn(actorWith(mailbox)));
        });
        return result;
    }

    @Test
    void aMessageThatArrivesWhileLingeringIsReported() throws Exception {
        WorkStealingDispatcher ws = start(MINUTE);
        Mailbox mailbox = new UnboundedMailbox();
        CountDownLatch lingering = new CountDownLatch(1);
        CompletableFuture<Boolean> found = lingerOnWorker(ws, mailbox, lingering, () -> { });

        assertThat(lingering.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        mailbox.offer("late");

        assertThat(found.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(mailbox.poll()).isEqualTo("late");
    }

    @Test
    void aWorkerWithAnotherActorInItsNextSlotDoesNotLinger() throws Exception {
        WorkStealingDispatcher ws = start(MINUTE);
        CountDownLatch otherRan = new CountDownLatch(1);
        CompletableFuture<Boolean> found = lingerOnWorker(ws, new UnboundedMailbox(), new CountDownLatch(1),
                () -> ws.execute(otherRan::countDown)); // from the worker: goes to its next slot

        assertThat(found.get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
        assertThat(otherRan.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void workQueuedWhileLingeringEndsTheLinger() throws Exception {
        WorkStealingDispatcher ws = start(MINUTE);
        CountDownLatch lingering = new CountDownLatch(1);
        CompletableFuture<Boolean> found = lingerOnWorker(ws, new UnboundedMailbox(), lingering, () -> { });
        assertThat(lingering.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        CountDownLatch otherRan = new CountDownLatch(1);
        ws.execute(otherRan::countDown); // from outside: goes to the (only) worker's queue

        assertThat(found.get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
        assertThat(otherRan.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shuttingDownEndsTheLinger() throws Exception {
        WorkStealingDispatcher ws = start(MINUTE);
        CountDownLatch lingering = new CountDownLatch(1);
        CompletableFuture<Boolean> found = lingerOnWorker(ws, new UnboundedMailbox(), lingering, () -> { });
        assertThat(lingering.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        ws.shutdown();

        assertThat(found.get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void lingeringEndsAfterTheLingerTime() throws Exception {
        WorkStealingDispatcher ws = start(Duration.ofMillis(1));

        assertThat(lingerOnWorker(ws, new UnboundedMailbox(), new CountDownLatch(1), () -> { })
                .get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void noLingerMeansNone() throws Exception {
        WorkStealingDispatcher ws = start(Duration.ZERO);
        Mailbox filled = new UnboundedMailbox();
        filled.offer("waiting");

        // Even a mailbox that has something is not looked at: the caller polled it a moment ago.
        assertThat(lingerOnWorker(ws, filled, new CountDownLatch(1), () -> { })
                .get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void onlyTheDispatchersOwnWorkersLinger() {
        WorkStealingDispatcher ws = start(MINUTE);
        Mailbox filled = new UnboundedMailbox();
        filled.offer("waiting");

        assertThat(ws.lingerOn(actorWith(filled))).isFalse(); // the test thread: returns at once, not after a minute
    }

    @Test
    void anActorLingeringOnTheOnlyWorkerDoesNotHoldUpOthers() throws Exception {
        IdleStrategy lingerLong = new IdleStrategy(MINUTE, Duration.ofNanos(200_000), Duration.ofNanos(200_000),
                Duration.ofMillis(100));
        try (ActorSystem system = ActorSystem.builder(TestSupport.uniqueName("linger"))
                .dispatcher(ActorSystem.DEFAULT_DISPATCHER, DispatcherConfig.workStealing(1).withIdle(lingerLong))
                .build()) {
            CountDownLatch first = new CountDownLatch(1);
            CountDownLatch second = new CountDownLatch(2);
            ActorRef<String> lingerer = system.spawn("lingerer", () -> (msg, ctx) -> {
                first.countDown();
                second.countDown();
            });
            CountDownLatch otherHandled = new CountDownLatch(1);
            ActorRef<String> other = system.spawn("other", () -> (msg, ctx) -> otherHandled.countDown());

            lingerer.tell("one");
            assertThat(first.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            other.tell("meanwhile"); // the lingerer keeps the only worker unless it leaves for this
            assertThat(otherHandled.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            lingerer.tell("two");
            assertThat(second.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

            assertThat(system.terminate(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
        }
    }

    @Test
    void stoppingALingeringActorEndsItsLinger() throws Exception {
        IdleStrategy lingerLong = new IdleStrategy(MINUTE, Duration.ZERO, Duration.ZERO, Duration.ofMillis(100));
        try (ActorSystem system = ActorSystem.builder(TestSupport.uniqueName("linger"))
                .dispatcher(ActorSystem.DEFAULT_DISPATCHER, DispatcherConfig.workStealing(1).withIdle(lingerLong))
                .build()) {
            CountDownLatch handled = new CountDownLatch(1);
            CountDownLatch stopped = new CountDownLatch(1);
            ActorRef<String> lingerer = system.spawn("lingerer", () -> new Actor<>() {
                @Override
                public void onMessage(String message, ActorContext<String> ctx) {
                    handled.countDown();
                }

                @Override
                public void postStop(ActorContext<String> ctx) {
                    stopped.countDown();
                }
            });
            lingerer.tell("one");
            assertThat(handled.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

            system.stop(lingerer); // a system message, not a mailbox item: the linger must notice it too

            assertThat(stopped.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theDefaultStrategyLingersBrieflyAndParkDoesNot() {
        assertThat(IdleStrategy.BACKOFF.linger()).isPositive().isLessThan(Duration.ofNanos(10_000));
        assertThat(IdleStrategy.PARK.linger()).isZero();
        assertThat(new IdleStrategy(Duration.ZERO, Duration.ZERO, Duration.ofMillis(1)).linger()).isZero();
    }
}
