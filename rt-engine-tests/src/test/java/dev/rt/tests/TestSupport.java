package dev.rt.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Helpers shared by the engine tests besides the testkit: waiting, recording, gating actors and probing
 * threads. (Its dead-letter recorder and probe became rt-test's DeadLetterProbe and TestProbe.)
 */
final class TestSupport {

    /** Upper bound for anything the tests wait for; generous for a loaded 2-core machine. */
    static final Duration LONG = Duration.ofSeconds(20);

    private TestSupport() {
    }

    /** @return Awaitility with a generous upper bound and a short poll interval */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(LONG).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    static void awaitLatch(CountDownLatch latch, String what) {
        try {
            assertThat(latch.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).as("timed out waiting for " + what)
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** Waits (bounded) for the future and returns its value. */
    static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("future not completed within " + LONG, e);
        }
    }

    /** Waits (bounded) for the future to fail and returns the cause, unwrapped from CompletionException. */
    static Throwable failure(CompletableFuture<?> future) {
        eventually().until(future::isDone);
        assertThat(future).as("expected the future to fail").isCompletedExceptionally();
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
        return fail("future did not fail");
    }

    /** @return names of live threads that belong to the system (they are named rt-<system>-...) */
    static List<String> runtimeThreads(String systemName) {
        String prefix = "rt-" + systemName + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .sorted()
                .toList();
    }

    /** Runs {@code body} on the actor's thread (the actor must be a {@link ScriptActor}) and returns its outcome. */
    static Outcome run(ActorRef<Object> actor, Function<ActorContext<Object>, Object> body) {
        return TestSupport.<Outcome>result(actor.ask(replyTo -> new Run(body, replyTo), LONG));
    }

    /** Like {@link #run} but expects the body to return normally. */
    @SuppressWarnings("unchecked")
    static <T> T call(ActorRef<Object> actor, Function<ActorContext<Object>, Object> body) {
        Outcome outcome = run(actor, body);
        if (outcome.error() != null) {
            throw new AssertionError("actor code threw " + outcome.error(), outcome.error());
        }
        return (T) outcome.value();
    }

    /** Code to run on an actor's thread; the actor replies with an {@link Outcome}. */
    record Run(Function<ActorContext<Object>, Object> body, ActorRef<Outcome> replyTo) {
    }

    /** What a {@link Run} returned or threw. */
    record Outcome(Object value, RuntimeException error) {
    }

    /**
     * An actor that runs {@link Run} bodies on its own thread, blocks on any {@link Gate} it receives and
     * records every other message it handles.
     */
    static class ScriptActor implements Actor<Object> {
        final Recorder<Object> handled;

        ScriptActor() {
            this(new Recorder<>());
        }

        ScriptActor(Recorder<Object> handled) {
            this.handled = handled;
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) throws Exception {
            if (message instanceof Run run) {
                Outcome outcome;
                try {
                    outcome = new Outcome(run.body().apply(ctx), null);
                } catch (RuntimeException e) {
                    outcome = new Outcome(null, e);
                }
                run.replyTo().tell(outcome);
            } else if (message instanceof Gate gate) {
                gate.block();
            } else {
                handle(message, ctx);
            }
        }

        /** Called for messages that are neither {@link Run} nor {@link Gate}; records them by default. */
        void handle(Object message, ActorContext<Object> ctx) throws Exception {
            handled.add(message);
        }
    }

    /**
     * Holds an actor inside its handler until the test opens it: the actor calls {@link #block()} (sending a
     * Gate to a {@link ScriptActor} does that), the test waits with {@link #awaitEntered()} and later calls
     * {@link #open()}. Interrupts do not end the wait, as with an actor that ignores them; it gives up after
     * 30 s so a broken test cannot hang a thread forever.
     */
    static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private final AtomicInteger interrupts = new AtomicInteger();

        void block() {
            entered.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("gate was never opened");
                }
                try {
                    if (opened.await(left, TimeUnit.NANOSECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupts.incrementAndGet();
                }
            }
            if (interrupts.get() > 0) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitEntered() {
            awaitLatch(entered, "the actor to reach the gate");
        }

        void open() {
            opened.countDown();
        }
    }

    /** A thread-safe list that tests read while actors append to it. */
    static final class Recorder<T> {
        private final List<T> items = new ArrayList<>();

        synchronized void add(T item) {
            items.add(Objects.requireNonNull(item));
        }

        synchronized List<T> snapshot() {
            return List.copyOf(items);
        }

        synchronized int size() {
            return items.size();
        }

        List<T> awaitSize(int size) {
            eventually().until(() -> size() >= size);
            return snapshot();
        }
    }

}
