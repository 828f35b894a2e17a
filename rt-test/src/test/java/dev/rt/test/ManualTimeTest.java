package dev.rt.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.AskTimeoutException;
import dev.rt.Backoff;
import dev.rt.ChildSpec;
import dev.rt.Supervisor;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@ActorTest(manualTime = true)
class ManualTimeTest {

    /** Sends "tick" to the probe every second once started, and "once" after 5 s. */
    static final class Ticker implements Actor<String> {
        private final ActorRef<String> out;

        Ticker(ActorRef<String> out) {
            this.out = out;
        }

        @Override
        public void preStart(ActorContext<String> ctx) {
            ctx.timers().startTimerAtFixedRate("tick", "tick", Duration.ofSeconds(1));
            ctx.timers().startSingleTimer("once", "once", Duration.ofSeconds(5));
        }

        @Override
        public void onMessage(String message, ActorContext<String> ctx) {
            out.tell(message);
        }
    }

    @Test
    void timersFireOnlyWhenTimeIsAdvanced(ActorTestKit kit) {
        TestProbe<String> out = kit.createProbe();
        kit.spawn("ticker", () -> new Ticker(out));
        kit.awaitAssert(() -> assertThat(kit.time().scheduledCount()).isEqualTo(2));

        out.expectNoMessage();
        kit.time().advance(Duration.ofMillis(999));
        out.expectNoMessage();
        kit.time().advance(Duration.ofMillis(1));
        out.expectMessage("tick");

        kit.time().advance(Duration.ofSeconds(3));
        assertThat(out.receiveMessages(3)).containsExactly("tick", "tick", "tick");
        kit.time().advance(Duration.ofSeconds(1));
        assertThat(out.receiveMessages(2)).containsExactlyInAnyOrder("tick", "once"); // both due at 5 s
        out.expectNoMessage();
    }

    @Test
    void anAskTimesOutAtItsDeadlineAndNotBefore(ActorTestKit kit) {
        TestProbe<String> silent = kit.createProbe();
        CompletableFuture<String> reply = silent.ask(replyTo -> "question", Duration.ofSeconds(30));
        silent.expectMessage("question");

        kit.time().advance(Duration.ofSeconds(29));
        assertThat(reply).isNotDone();
        kit.time().advance(Duration.ofSeconds(1));

        assertThat(reply).failsWithin(kit.dilated(Duration.ofSeconds(5)))
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(AskTimeoutException.class);
    }

    @Test
    void backoffWaitsForTheAdvance(ActorTestKit kit) {
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        Supervisor supervisor = kit.system().supervise(SupervisorSpec.builder("app")
                .backoff(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0, Duration.ofMinutes(5)))
                .child(ChildSpec.actor("worker", () -> (Actor<String>) (message, ctx) -> {
                    log.add(message);
                    throw new IllegalStateException(message);
                }))
                .build());
        kit.awaitAssert(() -> assertThat(supervisor.child("worker")).isPresent());
        ActorRef<String> worker = supervisor.<String>child("worker").orElseThrow();
        kit.deadLetters().allow(DeadLetterReason.FAILED);

        worker.tell("boom");
        assertThat(kit.supervision().expectBackoff(worker).delay()).isEqualTo(Duration.ofSeconds(10));
        kit.time().advance(Duration.ofSeconds(9));
        kit.supervision().expectNoRestart(worker);

        kit.time().advance(Duration.ofSeconds(1));
        kit.supervision().expectRestart(worker);
    }

    @Test
    void runsDueTasksInDeadlineOrderAndSkipsCancelledOnes() {
        ManualTime time = new ManualTime();
        List<String> ran = new ArrayList<>();
        time.schedule(() -> ran.add("c"), TimeUnit.SECONDS.toNanos(3));
        time.schedule(() -> ran.add("a"), TimeUnit.SECONDS.toNanos(1));
        time.schedule(() -> ran.add("cancelled"), TimeUnit.SECONDS.toNanos(2)).cancel();
        time.schedule(() -> {
            ran.add("b");
            time.schedule(() -> ran.add("b2"), TimeUnit.MILLISECONDS.toNanos(500));
        }, TimeUnit.SECONDS.toNanos(2));

        assertThat(time.timeToNext()).contains(Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(10));

        assertThat(ran).containsExactly("a", "b", "b2", "c");
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(10));
        time.expectNoScheduledTasks();
    }

    @Test
    void handsPendingTasksBackAtShutdownAndRefusesNewOnes() {
        ManualTime time = new ManualTime();
        Runnable pending = () -> { };
        time.schedule(pending, 1_000);
        List<Runnable> abandoned = new ArrayList<>();

        time.shutdown(abandoned::add);

        assertThat(abandoned).containsExactly(pending);
        assertThatThrownBy(() -> time.schedule(() -> { }, 1)).hasMessageContaining("has stopped");
    }

    @Test
    void refusesToGoBackAndSaysWhatIsStillScheduled() {
        ManualTime time = new ManualTime();
        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1))).hasMessageContaining("only moves forward");
        assertThatThrownBy(time::advanceToNext).hasMessageContaining("nothing is scheduled");
        time.schedule(() -> { }, TimeUnit.SECONDS.toNanos(2));
        assertThatThrownBy(time::expectNoScheduledTasks)
                .hasMessageContaining("expected nothing scheduled, but 1 task(s) are: [in 2 s, once: "
                        + "a task of dev.rt.test.ManualTimeTest]");
        assertThat(time.advanceToNext()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void describesTheTimersAnActorLeftScheduledWithTheirPeriods(ActorTestKit kit) {
        TestProbe<String> out = kit.createProbe();
        kit.spawn("ticker", () -> new Ticker(out));
        kit.awaitAssert(() -> assertThat(kit.time().scheduledCount()).isEqualTo(2));

        assertThatThrownBy(kit.time()::expectNoScheduledTasks).hasMessageContaining("2 task(s) are: "
                + "[in 1 s, every 1 s: a task of dev.rt.Timers, in 5 s, once: a task of dev.rt.Timers]");
    }

    @Test
    void concurrentAdvancesTakeTurnsAndAddUp() throws Exception {
        ManualTime time = new ManualTime();
        CountDownLatch insideTask = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        time.schedule(() -> {
            insideTask.countDown();
            await(release);
        }, TimeUnit.SECONDS.toNanos(1));
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> time.advance(Duration.ofSeconds(10)));
        await(insideTask);

        Thread second = new Thread(() -> time.advance(Duration.ofSeconds(1)), "second-advance");
        second.start();
        // the second advance must wait for the first (or, unserialised, would already be done)
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                second.getState() == Thread.State.WAITING || second.getState() == Thread.State.TERMINATED);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(11));
    }

    @Test
    void aTaskThatAdvancesTimeGetsAClearErrorAndTimeStillOnlyMovesForward() {
        ManualTime time = new ManualTime();
        List<Duration> seenAt = new ArrayList<>();
        time.schedule(() -> time.advance(Duration.ofSeconds(100)), TimeUnit.SECONDS.toNanos(1));
        time.schedule(() -> seenAt.add(time.elapsed()), TimeUnit.SECONDS.toNanos(2));

        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a scheduled task cannot move time itself");
        assertThat(seenAt).containsExactly(Duration.ofSeconds(2));
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void failingTasksDoNotStopTheAdvanceAndTheFirstFailureIsRethrownWithTheOthersSuppressed() {
        ManualTime time = new ManualTime();
        List<String> ran = new ArrayList<>();
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second");
        time.schedule(() -> {
            throw first;
        }, TimeUnit.SECONDS.toNanos(1));
        time.schedule(() -> ran.add("between"), TimeUnit.SECONDS.toNanos(2));
        time.schedule(() -> {
            throw second;
        }, TimeUnit.SECONDS.toNanos(3));
        time.schedule(() -> ran.add("last"), TimeUnit.SECONDS.toNanos(4));

        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(10)))
                .isSameAs(first)
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).containsExactly(second));
        assertThat(ran).containsExactly("between", "last");
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(10));
        time.expectNoScheduledTasks();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aRealTimeKitSaysHowToGetManualTime() {
        try (ActorTestKit kit = ActorTestKit.create()) {
            assertThatThrownBy(kit::time).hasMessageContaining("build it with manualTime()");
        }
    }
}
