package dev.rt.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.AskTimeoutException;
import dev.rt.DeliveryGuarantee;
import dev.rt.FailureAction;
import dev.rt.MailboxConfig;
import dev.rt.MailboxFullException;
import dev.rt.Message;
import dev.rt.MessageInfo;
import dev.rt.SpawnOptions;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@ActorTest
class DeliveryGuaranteeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MESSAGES = 100_000;

    private ActorSystem system;

    @AfterEach
    void tearDown() {
        if (system != null) {
        }
    }

    @MessageInfo(guarantee = DeliveryGuarantee.AT_LEAST_ONCE)
    record Reliable(int id) implements Message {
    }

    @MessageInfo(guarantee = DeliveryGuarantee.EXACTLY_ONCE)
    record Once(int id) implements Message {
        @Override
        public Object deduplicationId() {
            return id;
        }
    }

    record Plain(int id) {
    }

    /**
     * Fails about 20% of handling attempts (decided before any effect), counts successful handlings per id.
     * The random source is shared by every instance: a restart must not replay the same sequence.
     */
    static final class Flaky implements Actor<Object> {
        private final SplittableRandom random;
        private final AtomicIntegerArray handled;

        Flaky(AtomicIntegerArray handled, SplittableRandom random) {
            this.handled = handled;
            this.random = random;
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
            if (random.nextInt(5) == 0) {
                throw new IllegalStateException("random failure");
            }
            int id = message instanceof Reliable r ? r.id() : message instanceof Once o ? o.id() : ((Plain) message).id();
            handled.incrementAndGet(id);
        }

        @Override
        public FailureAction onFailure(Throwable error, Object message) {
            return FailureAction.RESTART;
        }
    }

    private ActorSystem system(int attempts) {
        system = ActorSystem.builder("delivery-" + System.nanoTime()).maxDeliveryAttempts(attempts).build();
        return system;
    }

    @Test
    void atLeastOnceMessagesAreAllHandledDespiteTwentyPercentFailures() {
        AtomicIntegerArray handled = new AtomicIntegerArray(MESSAGES);
        SplittableRandom random = new SplittableRandom(42);
        ActorSystem sys = system(30);
        ActorRef<Object> flaky = sys.spawn("flaky", () -> new Flaky(handled, random));
        for (int i = 0; i < MESSAGES; i++) {
            flaky.tell(new Reliable(i));
        }
        await().atMost(WAIT).until(() -> sys.stats(flaky).delivered() == MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(handled.get(i)).as("message %d", i).isGreaterThanOrEqualTo(1);
        }
        var stats = sys.stats(flaky);
        assertThat(stats.redelivered()).isEqualTo(stats.failed());
        assertThat(stats.failed()).isBetween(MESSAGES / 10L, MESSAGES / 2L);
        assertThat(sys.deadLetters().count(DeadLetterReason.FAILED)).isZero();
        assertThat(stats.delivered() + stats.deadLettered()).isEqualTo(stats.sent());
    }

    @Test
    void exactlyOnceMessagesAreHandledOnceEvenWhenSentTwice() {
        AtomicIntegerArray handled = new AtomicIntegerArray(MESSAGES);
        SplittableRandom random = new SplittableRandom(42);
        ActorSystem sys = system(30);
        ActorRef<Object> flaky = sys.spawn("flaky", () -> new Flaky(handled, random));
        for (int i = 0; i < MESSAGES; i++) {
            flaky.tell(new Once(i));
            if (i % 10 == 0) {
                flaky.tell(new Once(i)); // a retry by the sender
            }
        }
        int retries = MESSAGES / 10;
        await().atMost(WAIT).until(() -> {
            var s = sys.stats(flaky);
            return s.delivered() + s.deadLettered() == s.sent() && s.mailboxDepth() == 0;
        });
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(handled.get(i)).as("message %d", i).isEqualTo(1);
        }
        assertThat(sys.deadLetters().count(DeadLetterReason.DUPLICATE)).isEqualTo(retries);
        assertThat(sys.stats(flaky).sent()).isEqualTo(MESSAGES + retries);
    }

    @Test
    void atMostOnceMessagesAreHandledOrDeadLetteredAndTheCountsAddUp() {
        AtomicIntegerArray handled = new AtomicIntegerArray(MESSAGES);
        SplittableRandom random = new SplittableRandom(42);
        ActorSystem sys = system(30);
        ActorRef<Object> flaky = sys.spawn("flaky", () -> new Flaky(handled, random));
        for (int i = 0; i < MESSAGES; i++) {
            flaky.tell(new Plain(i));
        }
        await().atMost(WAIT).until(() -> {
            var s = sys.stats(flaky);
            return s.delivered() + s.deadLettered() == MESSAGES;
        });
        long handledOnce = 0;
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(handled.get(i)).isLessThanOrEqualTo(1);
            handledOnce += handled.get(i);
        }
        long failed = sys.deadLetters().count(DeadLetterReason.FAILED);
        assertThat(handledOnce + failed).isEqualTo(MESSAGES);
        assertThat(failed).isBetween(MESSAGES / 10L, MESSAGES * 3L / 10);
        assertThat(sys.stats(flaky).redelivered()).isZero();
    }

    @Test
    void exhaustedAttemptsEndAsAFailedDeadLetterWithTheCount() {
        ActorSystem sys = system(3);
        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        sys.deadLetters().subscribe(letters::add);
        AtomicInteger tries = new AtomicInteger();
        ActorRef<Reliable> doomed = sys.spawn("doomed", () -> new Actor<>() {
            @Override
            public void onMessage(Reliable message, ActorContext<Reliable> ctx) {
                tries.incrementAndGet();
                throw new IllegalStateException("always");
            }

            @Override
            public FailureAction onFailure(Throwable error, Reliable message) {
                return FailureAction.RESUME;
            }
        });
        doomed.tell(new Reliable(7));
        await().atMost(WAIT).until(() -> letters.size() == 1);
        assertThat(tries.get()).isEqualTo(3);
        assertThat(letters.get(0).reason()).isEqualTo(DeadLetterReason.FAILED);
        assertThat(letters.get(0).detail()).contains("3 of 3 attempts");
        assertThat(sys.stats(doomed).redelivered()).isEqualTo(2);
    }

    @Test
    void aSendCanAskForAtLeastOnceOnAPlainMessage() {
        ActorSystem sys = system(5);
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        ActorRef<String> actor = sys.spawn("once-failing", () -> (Actor<String>) (msg, ctx) -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first try fails");
            }
            done.countDown();
        });
        actor.tell("important", null, DeliveryGuarantee.AT_LEAST_ONCE);
        await().atMost(WAIT).until(() -> done.getCount() == 0);
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(sys.deadLetters().total()).isZero();
    }

    record Wrapped(String text) {
    }

    @Test
    void aGuaranteeSentThroughAMessageAdapterReachesItsOwner() {
        ActorSystem sys = system(5);
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch adapterReady = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<ActorRef<String>> adapter = new java.util.concurrent.atomic.AtomicReference<>();
        sys.spawn("owner", () -> new Actor<Wrapped>() {
            @Override
            public void preStart(ActorContext<Wrapped> ctx) {
                adapter.set(ctx.messageAdapter(String.class, Wrapped::new));
                adapterReady.countDown();
            }

            @Override
            public void onMessage(Wrapped message, ActorContext<Wrapped> ctx) {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("first try fails");
                }
                done.countDown();
            }

            @Override
            public FailureAction onFailure(Throwable error, Wrapped message) {
                return FailureAction.RESUME;
            }
        });
        await().atMost(WAIT).until(() -> adapterReady.getCount() == 0);
        adapter.get().tell("via adapter", null, DeliveryGuarantee.AT_LEAST_ONCE);
        await().atMost(WAIT).until(() -> done.getCount() == 0);
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(sys.deadLetters().total()).isZero();
    }

    @Test
    void aFullBoundedMailboxMakesAtLeastOnceSendersWaitInsteadOfDropping() throws Exception {
        ActorSystem sys = system(5);
        CountDownLatch gate = new CountDownLatch(1);
        Set<Integer> got = ConcurrentHashMap.newKeySet();
        ActorRef<Reliable> slow = sys.spawn("slow", () -> (Actor<Reliable>) (msg, ctx) -> {
            gate.await(30, TimeUnit.SECONDS);
            got.add(msg.id());
        }, SpawnOptions.defaults().withMailbox(new MailboxConfig(MailboxConfig.Kind.BOUNDED, 2,
                MailboxConfig.Backpressure.DROP_NEWEST, Duration.ofSeconds(20))));
        Thread sender = new Thread(() -> {
            for (int i = 0; i < 10; i++) {
                slow.tell(new Reliable(i));
            }
        });
        sender.start();
        await().atMost(WAIT).until(() -> sys.stats(slow).mailboxDepth() == 2);
        assertThat(sender.isAlive()).as("the sender waits for room").isTrue();
        gate.countDown();
        sender.join(TimeUnit.SECONDS.toMillis(30));
        await().atMost(WAIT).until(() -> got.size() == 10);
        assertThat(sys.deadLetters().total()).isZero();
    }

    @Test
    void anAtLeastOnceSenderIsToldWhenTheMailboxStaysFull() throws Exception {
        ActorSystem sys = system(5);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        ActorRef<Reliable> stuck = sys.spawn("stuck", () -> (Actor<Reliable>) (msg, ctx) -> {
            busy.countDown();
            gate.await(30, TimeUnit.SECONDS);
        }, SpawnOptions.defaults().withMailbox(new MailboxConfig(MailboxConfig.Kind.BOUNDED, 1,
                MailboxConfig.Backpressure.DROP_NEWEST, Duration.ofMillis(200))));
        stuck.tell(new Reliable(0));
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        stuck.tell(new Reliable(1));
        assertThatThrownBy(() -> stuck.tell(new Reliable(2))).isInstanceOf(MailboxFullException.class)
                .hasMessageContaining("at-least-once");
        assertThat(sys.deadLetters().count(DeadLetterReason.MAILBOX_FULL)).isEqualTo(1);
        gate.countDown();
    }

    @MessageInfo(guarantee = DeliveryGuarantee.AT_LEAST_ONCE)
    record ReliableQuestion(ActorRef<String> replyTo) implements Message {
    }

    @Test
    void aTimedOutAtLeastOnceAskIsNotSilentlyLost() {
        ActorSystem sys = system(5);
        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        sys.deadLetters().subscribe(letters::add);
        ActorRef<ReliableQuestion> silent = sys.spawn("silent", () -> (msg, ctx) -> { });
        assertThatThrownBy(() -> silent.<String>ask(ReliableQuestion::new, Duration.ofMillis(100)).join())
                .hasCauseInstanceOf(AskTimeoutException.class);
        await().atMost(WAIT).until(() -> letters.stream().anyMatch(letter ->
                letter.reason() == DeadLetterReason.TIMED_OUT && letter.message() instanceof ReliableQuestion));
    }
}
