package dev.rt.test;

import dev.rt.Actor;
import dev.rt.ActorAddress;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.DeliveryGuarantee;
import dev.rt.OfferResult;
import dev.rt.Signal;
import dev.rt.Terminated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An {@link ActorRef} a test holds to see what is sent to it. It is backed by a real actor in the system
 * under test, so it can be a {@code replyTo}, a router's routee, a topic subscriber, a sender, be asked
 * and be stopped; every message it receives is kept, in order, for the test to expect.
 *
 * <pre>{@code
 * TestProbe<Long> replies = kit.createProbe();
 * counter.tell(new CounterMsg.Get(replies));
 * replies.expectMessage(5L);
 * replies.expectNoMessage();
 * }</pre>
 *
 * <p>Methods without a timeout wait the default of {@link TestKitSettings} (3 s, times the time
 * factor); {@code expectNoMessage()} watches for 100 ms times the factor. Failures are
 * {@link AssertionError}s that say what was expected, what came instead and how long the probe waited.
 *
 * @param <M> the type of message the probe accepts
 */
public final class TestProbe<M> implements ActorRef<M> {

    private final String name;
    private final ActorRef<M> ref;
    private final ActorSystem system;
    private final TestKitSettings settings;
    private final LinkedBlockingDeque<Received> queue;
    private final LinkedBlockingQueue<Terminated> terminations;
    private volatile ActorRef<Object> lastSender;

    private TestProbe(String name, ActorRef<M> ref, ActorSystem system, TestKitSettings settings,
                      LinkedBlockingDeque<Received> queue, LinkedBlockingQueue<Terminated> terminations) {
        this.name = name;
        this.ref = ref;
        this.system = system;
        this.settings = settings;
        this.queue = queue;
        this.terminations = terminations;
    }

    /**
     * Spawns the probe's actor as a top-level actor of {@code system}.
     *
     * @param system the system
     * @param name a unique top-level name
     * @param settings the timeouts
     * @param <M> the message type
     * @return the probe
     */
    @SuppressWarnings("unchecked")
    static <M> TestProbe<M> spawn(ActorSystem system, String name, TestKitSettings settings) {
        LinkedBlockingDeque<Received> queue = new LinkedBlockingDeque<>();
        LinkedBlockingQueue<Terminated> terminations = new LinkedBlockingQueue<>();
        ActorRef<Object> ref = system.spawn(name, () -> new Recording(queue, terminations));
        return new TestProbe<>(name, (ActorRef<M>) ref, system, settings, queue, terminations);
    }

    /** A message the probe received, with its sender (the system's "no sender" ref if it had none). */
    private record Received(Object message, ActorRef<Object> sender) {
    }

    /** Asks the probe's own actor to watch another. */
    private record Watch(ActorRef<?> target, CompletableFuture<Void> done) {
    }

    /** The actor behind a probe: it keeps what it receives. */
    private static final class Recording implements Actor<Object> {
        private final LinkedBlockingDeque<Received> queue;
        private final LinkedBlockingQueue<Terminated> terminations;

        Recording(LinkedBlockingDeque<Received> queue, LinkedBlockingQueue<Terminated> terminations) {
            this.queue = queue;
            this.terminations = terminations;
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
            if (message instanceof Watch watch) {
                ctx.watch(watch.target());
                watch.done().complete(null);
            } else {
                queue.add(new Received(message, ctx.sender()));
            }
        }

        @Override
        public void onSignal(Signal signal, ActorContext<Object> ctx) {
            if (signal instanceof Terminated terminated) {
                terminations.add(terminated);
            }
        }
    }

    // ---------------------------------------------------------------- identity

    /** @return the engine's ref of the probe's actor: use it to compare with {@code ctx.sender()} or to stop it */
    public ActorRef<M> ref() {
        return ref;
    }

    /** @return the probe's name, its top-level actor name */
    public String name() {
        return name;
    }

    /**
     * @return the sender of the message last taken by an expectation (the system's "no sender" ref if it
     *         had none)
     * @throws AssertionError if no message was taken yet
     */
    public ActorRef<Object> lastSender() {
        ActorRef<Object> sender = lastSender;
        if (sender == null) {
            throw new AssertionError(describe() + ": no message has been received yet, so there is no last sender");
        }
        return sender;
    }

    // ---------------------------------------------------------------- receiving

    /** @return the next message, waiting up to the default timeout */
    public M receiveMessage() {
        return receiveMessage(settings.expectTimeout());
    }

    /**
     * @param max how long to wait
     * @return the next message
     * @throws AssertionError if none comes in time
     */
    public M receiveMessage(Duration max) {
        Received received = poll(max);
        if (received == null) {
            throw new AssertionError(describe() + ": expected a message within " + Texts.duration(max)
                    + ", but received none");
        }
        return take(received);
    }

    /**
     * @param count how many messages
     * @return the next {@code count} messages, waiting up to the default timeout for all of them
     */
    public List<M> receiveMessages(int count) {
        return receiveMessages(count, settings.expectTimeout());
    }

    /**
     * @param count how many messages
     * @param max how long to wait for all of them together
     * @return the next {@code count} messages in the order received
     * @throws AssertionError saying how many came if fewer than {@code count} come in time
     */
    public List<M> receiveMessages(int count, Duration max) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        long deadline = System.nanoTime() + max.toNanos();
        List<M> out = new ArrayList<>(count);
        while (out.size() < count) {
            Received received = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (received == null) {
                throw new AssertionError(describe() + ": expected " + count + " messages within "
                        + Texts.duration(max) + ", but received " + out.size() + ": " + out);
            }
            out.add(take(received));
        }
        return out;
    }

    /**
     * Expects the next message to equal {@code expected}.
     *
     * @param expected the message
     * @param <T> its type
     * @return the message received
     */
    public <T extends M> T expectMessage(T expected) {
        return expectMessage(expected, settings.expectTimeout());
    }

    /**
     * Like {@link #expectMessageClass(Class, Duration)}: what is expected first, then how long to wait.
     *
     * @param expected the message
     * @param max how long to wait
     * @param <T> its type
     * @return the message received
     * @throws AssertionError if another message or none comes
     */
    @SuppressWarnings("unchecked")
    public <T extends M> T expectMessage(T expected, Duration max) {
        Objects.requireNonNull(expected, "expected");
        Received received = poll(max);
        if (received == null) {
            throw new AssertionError(describe() + ": expected message " + expected + " within "
                    + Texts.duration(max) + ", but received none");
        }
        if (!expected.equals(received.message())) {
            throw new AssertionError(describe() + ": expected message " + expected + ", but received "
                    + received.message() + from(received.sender()));
        }
        return (T) take(received);
    }

    /**
     * Expects the next message to be of {@code type}.
     *
     * @param type the class
     * @param <T> the type
     * @return the message
     */
    public <T> T expectMessageClass(Class<T> type) {
        return expectMessageClass(type, settings.expectTimeout());
    }

    /**
     * @param type the class
     * @param max how long to wait
     * @param <T> the type
     * @return the message
     * @throws AssertionError if a message of another class or none comes
     */
    public <T> T expectMessageClass(Class<T> type, Duration max) {
        Objects.requireNonNull(type, "type");
        Received received = poll(max);
        if (received == null) {
            throw new AssertionError(describe() + ": expected a message of " + type.getName() + " within "
                    + Texts.duration(max) + ", but received none");
        }
        if (!type.isInstance(received.message())) {
            throw new AssertionError(describe() + ": expected a message of " + type.getName() + ", but received "
                    + received.message() + " (" + received.message().getClass().getName() + ")" + from(received.sender()));
        }
        return type.cast(take(received));
    }

    /** Expects that no message arrives within the default no-message timeout (100 ms times the factor). */
    public void expectNoMessage() {
        expectNoMessage(settings.noMessageTimeout());
    }

    /**
     * @param within how long to watch
     * @throws AssertionError naming the message if one arrives
     */
    public void expectNoMessage(Duration within) {
        Received received = poll(within);
        if (received != null) {
            throw new AssertionError(describe() + ": expected no message within " + Texts.duration(within)
                    + ", but received " + received.message() + from(received.sender()));
        }
    }

    /**
     * Pulls messages until {@code fisher} says {@link FishingOutcome#complete()}; useful when a message
     * of interest arrives among others (heartbeats, progress) in no fixed order.
     *
     * @param max how long to fish in all
     * @param fisher decides for each message
     * @return the messages kept ({@code complete} or {@code continueAndKeep}), in order
     * @throws AssertionError if time runs out first or the fisher says {@link FishingOutcome#fail}
     * @throws NullPointerException if the fisher returns {@code null} (it must decide for every message)
     */
    public List<M> fishForMessage(Duration max, Function<? super M, FishingOutcome> fisher) {
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(fisher, "fisher");
        long deadline = System.nanoTime() + max.toNanos();
        List<M> kept = new ArrayList<>();
        List<M> seen = new ArrayList<>();
        while (true) {
            Received received = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (received == null) {
                throw new AssertionError(describe() + ": fished for " + Texts.duration(max)
                        + " without completing; messages seen: " + seen);
            }
            M message = take(received);
            seen.add(message);
            FishingOutcome outcome = fisher.apply(message);
            if (outcome == null) {
                throw new NullPointerException(describe() + ": the fisher returned null for " + message + "; return "
                        + "FishingOutcome.complete(), continueAndKeep(), ignore() or fail(reason)");
            }
            if (outcome instanceof FishingOutcome.Fail fail) {
                throw new AssertionError(describe() + ": fishing failed at " + message + ": " + fail.reason());
            } else if (outcome instanceof FishingOutcome.Complete) {
                kept.add(message);
                return kept;
            } else if (outcome instanceof FishingOutcome.Continue) {
                kept.add(message);
            }
        }
    }

    /**
     * Takes every message received so far without waiting.
     *
     * @return them, oldest first (empty if none)
     */
    public List<M> receiveAll() {
        List<Received> taken = new ArrayList<>();
        queue.drainTo(taken);
        List<M> out = new ArrayList<>(taken.size());
        for (Received received : taken) {
            out.add(take(received));
        }
        return out;
    }

    // ---------------------------------------------------------------- watching

    /**
     * Makes the probe watch {@code actor}, so {@link #expectTerminated} sees it stop.
     *
     * @param actor the actor to watch
     * @return this
     */
    public TestProbe<M> watch(ActorRef<?> actor) {
        Objects.requireNonNull(actor, "actor to watch");
        CompletableFuture<Void> done = new CompletableFuture<>();
        rawRef().tell(new Watch(actor, done));
        try {
            done.get(settings.expectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            throw new AssertionError(describe() + ": could not watch " + actor.address().path(), e);
        }
        return this;
    }

    /**
     * Expects the watched {@code actor} to stop within the default timeout.
     *
     * @param actor an actor passed to {@link #watch} before
     */
    public void expectTerminated(ActorRef<?> actor) {
        expectTerminated(actor, settings.expectTimeout());
    }

    /**
     * @param actor an actor passed to {@link #watch} before
     * @param max how long to wait
     * @throws AssertionError if it does not stop in time, or another watched actor stops first
     */
    public void expectTerminated(ActorRef<?> actor, Duration max) {
        Terminated terminated;
        try {
            terminated = terminations.poll(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(describe() + ": interrupted", e);
        }
        String path = actor.address().path();
        if (terminated == null) {
            throw new AssertionError(describe() + ": expected " + path + " to terminate within "
                    + Texts.duration(max) + ", but it did not (did the probe watch it?)");
        }
        if (!terminated.ref().address().equals(actor.address())) {
            throw new AssertionError(describe() + ": expected " + path + " to terminate, but "
                    + terminated.ref().address().path() + " terminated first");
        }
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Retries an assertion until it passes or the default timeout runs out.
     *
     * @param assertion throws {@link AssertionError} while the condition does not hold yet
     */
    public void awaitAssert(Runnable assertion) {
        awaitAssert(settings.expectTimeout(), assertion);
    }

    /**
     * @param max how long to keep trying
     * @param assertion throws {@link AssertionError} while the condition does not hold yet
     * @throws AssertionError the last failure, if it never passes
     */
    public void awaitAssert(Duration max, Runnable assertion) {
        awaitAssert(max, () -> {
            assertion.run();
            return null;
        });
    }

    /**
     * @param max how long to keep trying
     * @param assertion returns a value once it passes
     * @param <T> the value's type
     * @return the value
     */
    public <T> T awaitAssert(Duration max, Supplier<T> assertion) {
        return Waiting.awaitAssert(max, assertion);
    }

    /** Stops the probe's actor; what is sent to it afterwards becomes dead letters. */
    public void stop() {
        system.stop(ref);
    }

    // ---------------------------------------------------------------- ActorRef

    @Override
    public ActorAddress address() {
        return ref.address();
    }

    @Override
    public void tell(M message) {
        ref.tell(message);
    }

    @Override
    public void tell(M message, ActorRef<?> sender) {
        ref.tell(message, sender);
    }

    @Override
    public void tell(M message, ActorRef<?> sender, Duration timeToLive) {
        ref.tell(message, sender, timeToLive);
    }

    @Override
    public void tell(M message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
        ref.tell(message, sender, guarantee);
    }

    @Override
    public OfferResult offer(M message) {
        return ref.offer(message);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout) {
        return ref.ask(request, timeout);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends M> request) {
        return ref.ask(request);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActorRef<?> that && address().equals(that.address());
    }

    @Override
    public int hashCode() {
        return address().hashCode();
    }

    @Override
    public String toString() {
        return "TestProbe[" + address().path() + "]";
    }

    // ---------------------------------------------------------------- internals

    private Received poll(Duration max) {
        try {
            return queue.poll(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(describe() + ": interrupted while waiting for a message", e);
        }
    }

    @SuppressWarnings("unchecked")
    private M take(Received received) {
        lastSender = received.sender();
        return (M) received.message();
    }

    @SuppressWarnings("unchecked")
    private ActorRef<Object> rawRef() {
        return (ActorRef<Object>) (ActorRef<?>) ref;
    }

    private String describe() {
        return "TestProbe " + address().path();
    }

    private static String from(ActorRef<Object> sender) {
        return sender == null || sender.address().path().equals("/no-sender") ? ""
                : " from " + sender.address().path();
    }
}
