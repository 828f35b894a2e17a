package dev.rt;

import static dev.rt.TestSupport.call;
import static dev.rt.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.TestSupport.Recorder;
import dev.rt.TestSupport.ScriptActor;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.RingBufferRuntimeListener;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.monitor.RuntimeListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monitoring SPI: lifecycle, failure and dead-letter events, and sampled latencies. */
class RuntimeListenerTest {

    private ActorSystem system;

    @AfterEach
    void tearDown() {
        if (system != null) {
            system.terminate(Duration.ofSeconds(10));
        }
    }

    /** Throws on "boom" and restarts. */
    static final class Restarting extends ScriptActor {
        @Override
        void handle(Object message, ActorContext<Object> ctx) {
            if ("boom".equals(message)) {
                throw new IllegalStateException("boom!");
            }
        }

        @Override
        public FailureAction onFailure(Throwable error, Object message) {
            return FailureAction.RESTART;
        }
    }

    private static List<RuntimeEvent> eventsOf(RingBufferRuntimeListener listener, ActorRef<?> ref) {
        return listener.events().stream().filter(e -> e.actor().equals(ref.address())).toList();
    }

    @Test
    void theRingBufferReceivesLifecycleFailureAndDeadLetterEvents() {
        RingBufferRuntimeListener listener = new RingBufferRuntimeListener(10_000);
        system = ActorSystem.builder(TestSupport.uniqueName("events")).listener(listener).build();
        assertThat(system.listener()).isSameAs(listener);
        Instant before = Instant.now();
        ActorRef<Object> ref = system.spawn("lively", Restarting::new);

        ref.tell("boom");
        call(ref, ctx -> null);
        system.stop(ref);
        eventually().until(() -> eventsOf(listener, ref).stream().anyMatch(e -> e instanceof RuntimeEvent.ActorStopped));
        ref.tell("after stop");
        eventually().until(() -> eventsOf(listener, ref).stream().filter(e -> e instanceof RuntimeEvent.DeadLettered)
                .count() == 2);

        List<RuntimeEvent> events = eventsOf(listener, ref);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "ActorStarted", "DeadLettered", "ActorFailed", "ActorRestarted", "ActorStarted", "ActorStopped",
                "DeadLettered");
        RuntimeEvent.ActorFailed failed = (RuntimeEvent.ActorFailed) events.get(2);
        assertThat(failed.error()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failed.message()).isEqualTo("boom!");
        assertThat(failed.action()).isEqualTo(FailureAction.RESTART);
        DeadLetter failedLetter = ((RuntimeEvent.DeadLettered) events.get(1)).deadLetter();
        assertThat(failedLetter.reason()).isEqualTo(DeadLetterReason.FAILED);
        assertThat(failedLetter.message()).isEqualTo("boom");
        DeadLetter stoppedLetter = ((RuntimeEvent.DeadLettered) events.get(6)).deadLetter();
        assertThat(stoppedLetter.reason()).isEqualTo(DeadLetterReason.STOPPED);
        assertThat(stoppedLetter.message()).isEqualTo("after stop");
        assertThat(events).allSatisfy(e -> assertThat(e.timestamp()).isAfterOrEqualTo(before));
        assertThat(listener.received()).isGreaterThanOrEqualTo(events.size());
    }

    @Test
    void theRingBufferKeepsTheMostRecentEventsOldestFirst() {
        RingBufferRuntimeListener ring = new RingBufferRuntimeListener(3);
        ActorAddress address = new ActorAddress("s", "/user/a", 1);
        for (int i = 0; i < 5; i++) {
            ring.onEvent(new RuntimeEvent.ActorStarted(address, Instant.ofEpochSecond(i)));
        }
        assertThat(ring.received()).isEqualTo(5);
        assertThat(ring.events()).extracting(RuntimeEvent::timestamp)
                .containsExactly(Instant.ofEpochSecond(2), Instant.ofEpochSecond(3), Instant.ofEpochSecond(4));
        assertThat(new RingBufferRuntimeListener(4).events()).isEmpty();
    }

    record Sample(ActorAddress actor, long inMailbox, long processing) {
    }

    @Test
    void samplingEveryMessageReportsNonNegativeTimes() {
        Recorder<Sample> samples = new Recorder<>();
        system = ActorSystem.builder(TestSupport.uniqueName("sampled"))
                .sampleEvery(1)
                .listener(new RuntimeListener() {
                    @Override
                    public void onMessageSampled(ActorAddress actor, long timeInMailboxNanos, long processingNanos) {
                        samples.add(new Sample(actor, timeInMailboxNanos, processingNanos));
                    }
                })
                .build();
        ActorRef<Object> ref = system.spawn("sampled", ScriptActor::new);
        ActorRef<Object> other = system.spawn("other", ScriptActor::new);

        for (int i = 0; i < 50; i++) {
            ref.tell(i);
        }
        other.tell("with sender", ref);

        List<Sample> taken = samples.awaitSize(51);
        assertThat(taken).filteredOn(s -> s.actor().equals(ref.address())).hasSize(50);
        assertThat(taken).filteredOn(s -> s.actor().equals(other.address())).hasSize(1);
        assertThat(taken).allSatisfy(s -> {
            assertThat(s.inMailbox()).isNotNegative();
            assertThat(s.processing()).isNotNegative();
        });
    }

    @Test
    void samplingOneInSixteenTakesAboutOneSampleForEverySixteenHandledMessages() {
        AtomicInteger samples = new AtomicInteger();
        system = ActorSystem.builder(TestSupport.uniqueName("one-in-16"))
                .sampleEvery(16)
                .listener(new RuntimeListener() {
                    @Override
                    public void onMessageSampled(ActorAddress actor, long timeInMailboxNanos, long processingNanos) {
                        samples.incrementAndGet();
                    }
                })
                .build();
        ActorRef<Object> ref = system.spawn("sampled", ScriptActor::new);
        int rounds = 100;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < 16; i++) {
                ref.tell(i);
            }
            call(ref, ctx -> null); // the round is handled before the next one is sent
        }
        int handled = rounds * 17;
        // The first message, then at most one per 16 handled; a sample is asked for after each round
        // and taken by the next round's sends, so nearly every round yields one.
        assertThat(samples.get()).isBetween(rounds / 2, 1 + handled / 16);
    }

    @Test
    void withoutSamplingNoSampleIsReported() {
        AtomicInteger samples = new AtomicInteger();
        system = ActorSystem.builder(TestSupport.uniqueName("unsampled"))
                .listener(new RuntimeListener() {
                    @Override
                    public void onMessageSampled(ActorAddress actor, long timeInMailboxNanos, long processingNanos) {
                        samples.incrementAndGet();
                    }
                })
                .build();
        ActorRef<Object> ref = system.spawn("unsampled", ScriptActor::new);
        for (int i = 0; i < 50; i++) {
            ref.tell(i);
        }
        call(ref, ctx -> null);
        assertThat(samples.get()).isZero();
    }

    @Test
    void aThrowingListenerBreaksNothing() {
        AtomicInteger calls = new AtomicInteger();
        system = ActorSystem.builder(TestSupport.uniqueName("throwing-listener"))
                .sampleEvery(1)
                .listener(new RuntimeListener() {
                    @Override
                    public void onEvent(RuntimeEvent event) {
                        calls.incrementAndGet();
                        throw new IllegalStateException("listener bug");
                    }

                    @Override
                    public void onMessageSampled(ActorAddress actor, long timeInMailboxNanos, long processingNanos) {
                        calls.incrementAndGet();
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();
        ActorRef<Object> ref = system.spawn("restarting", Restarting::new);

        ref.tell("boom");
        assertThat(TestSupport.<String>call(ref, ctx -> "still answering")).isEqualTo("still answering");
        system.stop(ref);
        eventually().until(() -> system.lookup("/user/restarting").isEmpty());
        ref.tell("after stop");

        assertThat(system.deadLetters().count(DeadLetterReason.FAILED)).isEqualTo(1);
        assertThat(system.deadLetters().count(DeadLetterReason.STOPPED)).isEqualTo(1);
        assertThat(calls.get()).isPositive();
        ActorRef<Object> fresh = system.spawn("fresh", ScriptActor::new);
        assertThat(TestSupport.<String>call(fresh, ctx -> "fine")).isEqualTo("fine");
    }
}
