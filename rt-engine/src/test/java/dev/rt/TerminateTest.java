package dev.rt;

import static dev.rt.TestSupport.LONG;
import static dev.rt.TestSupport.awaitNoRuntimeThreads;
import static dev.rt.TestSupport.call;
import static dev.rt.TestSupport.eventually;
import static dev.rt.TestSupport.failure;
import static dev.rt.TestSupport.result;
import static dev.rt.TestSupport.runtimeThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.TestSupport.DeadLetterRecorder;
import dev.rt.TestSupport.Gate;
import dev.rt.TestSupport.Recorder;
import dev.rt.TestSupport.ScriptActor;
import dev.rt.monitor.DeadLetterReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ActorSystem#terminate(Duration)}: drain, stop children before parents, release every thread. */
class TerminateTest {

    private final List<Gate> gates = new ArrayList<>();
    private final List<ActorSystem> systems = new ArrayList<>();

    @AfterEach
    void tearDown() {
        gates.forEach(Gate::open);
        systems.forEach(system -> system.terminate(Duration.ofSeconds(10)));
    }

    private ActorSystem newSystem(ActorSystem.Builder builder) {
        ActorSystem system = builder.build();
        systems.add(system);
        return system;
    }

    private ActorSystem newSystem(String prefix) {
        return newSystem(ActorSystem.builder(TestSupport.uniqueName(prefix)));
    }

    private Gate gate() {
        Gate gate = new Gate();
        gates.add(gate);
        return gate;
    }

    /** Handles each message with a little CPU work and counts it; records its path on postStop. */
    static class Slow extends ScriptActor {
        private final AtomicLong handled;
        private final Recorder<String> stopped;
        private double sink;

        Slow(AtomicLong handled, Recorder<String> stopped) {
            this.handled = handled;
            this.stopped = stopped;
        }

        @Override
        void handle(Object message, ActorContext<Object> ctx) {
            for (int i = 1; i < 200; i++) {
                sink += Math.sqrt(i * (double) message.hashCode());
            }
            handled.incrementAndGet();
        }

        @Override
        public void postStop(ActorContext<Object> ctx) {
            stopped.add(ctx.self().address().path());
        }
    }

    @Test
    void terminateDrainsQueuedMessagesBeforeStopping() {
        ActorSystem system = newSystem("drain");
        DeadLetterRecorder deadLetters = DeadLetterRecorder.attach(system);
        AtomicLong handled = new AtomicLong();
        Recorder<String> stopped = new Recorder<>();
        ActorRef<Object> slow = system.spawn("slow", () -> new Slow(handled, stopped));
        Gate gate = gate();
        slow.tell(gate);
        gate.awaitEntered();
        for (int i = 0; i < 10_000; i++) {
            slow.tell(i);
        }

        CompletableFuture<Boolean> terminating = CompletableFuture.supplyAsync(
                () -> system.terminate(Duration.ofSeconds(30)));
        eventually().until(() -> system.state() == ActorSystem.State.DRAINING);

        // While draining, work from outside is refused: no new actors, messages dead-lettered without a throw.
        assertThatThrownBy(() -> system.spawn("late", ScriptActor::new))
                .isInstanceOf(ActorSystemTerminatedException.class);
        assertThatCode(() -> slow.tell("from outside")).doesNotThrowAnyException();
        gate.open();

        assertThat(result(terminating)).as("drained and stopped within the timeout").isTrue();
        assertThat(handled.get()).isEqualTo(10_000);
        assertThat(system.state()).isEqualTo(ActorSystem.State.TERMINATED);
        assertThat(stopped.snapshot()).containsExactly("/user/slow");
        assertThat(deadLetters.messages(DeadLetterReason.STOPPED)).containsExactly("from outside");
        assertThat(system.whenTerminated()).isDone();
        awaitNoRuntimeThreads(system.name());
    }

    @Test
    void messagesActorsSendEachOtherWhileDrainingAreStillHandled() {
        ActorSystem system = newSystem("drain-forward");
        AtomicLong handled = new AtomicLong();
        Recorder<String> stopped = new Recorder<>();
        ActorRef<Object> sink = system.spawn("sink", () -> new Slow(handled, stopped));
        ActorRef<Object> forwarder = system.spawn("forwarder", () -> new ScriptActor() {
            @Override
            void handle(Object message, ActorContext<Object> ctx) {
                sink.tell(message, ctx.self());
            }
        });
        Gate gate = gate();
        forwarder.tell(gate);
        gate.awaitEntered();
        for (int i = 0; i < 1_000; i++) {
            forwarder.tell(i);
        }

        CompletableFuture<Boolean> terminating = CompletableFuture.supplyAsync(
                () -> system.terminate(Duration.ofSeconds(30)));
        eventually().until(() -> system.state() == ActorSystem.State.DRAINING);
        gate.open();

        assertThat(result(terminating)).isTrue();
        assertThat(handled.get()).isEqualTo(1_000);
        assertThat(system.deadLetters().total()).isZero();
    }

    @Test
    void whenTheTimeoutIsTooShortTheRestIsDeadLetteredAsStopped() {
        ActorSystem system = newSystem("short");
        DeadLetterRecorder deadLetters = DeadLetterRecorder.attach(system);
        Recorder<Object> handled = new Recorder<>();
        Recorder<String> stopped = new Recorder<>();
        // On the blocking dispatcher, so the default dispatcher stays free to run the stop.
        ActorRef<Object> stuck = system.spawn("stuck", () -> new ScriptActor(handled) {
            @Override
            public void postStop(ActorContext<Object> ctx) {
                stopped.add(ctx.self().address().path());
            }
        }, SpawnOptions.defaults().withDispatcher(ActorSystem.BLOCKING_DISPATCHER));
        Gate gate = gate();
        stuck.tell(gate);
        gate.awaitEntered();
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            queued.add("m" + i);
            stuck.tell("m" + i);
        }

        boolean clean = system.terminate(Duration.ofMillis(300));

        assertThat(clean).as("the actor was still blocked when the timeout ran out").isFalse();
        assertThat(system.state()).isEqualTo(ActorSystem.State.TERMINATED);
        gate.open();
        deadLetters.awaitCount(DeadLetterReason.STOPPED, 100);
        assertThat(deadLetters.messages(DeadLetterReason.STOPPED)).containsExactlyElementsOf(queued);
        assertThat(handled.snapshot()).as("nothing queued was handled").isEmpty();
        assertThat(stopped.awaitSize(1)).containsExactly("/user/stuck");
        awaitNoRuntimeThreads(system.name());
    }

    @Test
    void terminateStopsChildrenBeforeTheirParents() {
        ActorSystem system = newSystem("tree");
        Recorder<String> stopped = new Recorder<>();
        Map<String, List<String>> tree = Map.of(
                "root-a", List.of("a1", "a2"),
                "a1", List.of("a1x"),
                "root-b", List.of("b1"));
        system.spawn("root-a", () -> new Node("root-a", tree, stopped));
        system.spawn("root-b", () -> new Node("root-b", tree, stopped));
        eventually().until(() -> system.lookup("/user/root-a/a1/a1x").isPresent()
                && system.lookup("/user/root-a/a2").isPresent()
                && system.lookup("/user/root-b/b1").isPresent());

        assertThat(system.terminate(LONG)).isTrue();

        List<String> order = stopped.snapshot();
        assertThat(order).hasSize(6);
        assertThat(order.indexOf("/user/root-a/a1/a1x")).isLessThan(order.indexOf("/user/root-a/a1"));
        assertThat(order.indexOf("/user/root-a/a1")).isLessThan(order.indexOf("/user/root-a"));
        assertThat(order.indexOf("/user/root-a/a2")).isLessThan(order.indexOf("/user/root-a"));
        assertThat(order.indexOf("/user/root-b/b1")).isLessThan(order.indexOf("/user/root-b"));
    }

    @Test
    void everyThreadOfTheSystemEndsAndTheStateBecomesTerminated() {
        ActorSystem system = newSystem(ActorSystem.builder(TestSupport.uniqueName("threads"))
                .dispatcher("io", DispatcherConfig.blocking(2)));
        ActorRef<Object> onDefault = system.spawn("default", ScriptActor::new);
        ActorRef<Object> onBlocking = system.spawn("blocking", ScriptActor::new,
                SpawnOptions.defaults().withDispatcher(ActorSystem.BLOCKING_DISPATCHER));
        ActorRef<Object> onIo = system.spawn("io", ScriptActor::new, SpawnOptions.defaults().withDispatcher("io"));
        for (ActorRef<Object> ref : List.of(onDefault, onBlocking, onIo)) {
            call(ref, ctx -> {
                ctx.timers().startTimerAtFixedRate("tick", "tick", Duration.ofMillis(5));
                return null;
            });
        }
        assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);
        assertThat(runtimeThreads(system.name())).anyMatch(name -> name.contains("-default-"))
                .anyMatch(name -> name.contains("-blocking-"))
                .anyMatch(name -> name.contains("-io-"))
                .anyMatch(name -> name.endsWith("-scheduler"));

        assertThat(system.terminate(LONG)).isTrue();

        assertThat(system.state()).isEqualTo(ActorSystem.State.TERMINATED);
        assertThat(system.whenTerminated()).isDone();
        awaitNoRuntimeThreads(system.name());
        assertThat(system.terminate(LONG)).as("terminate is idempotent").isTrue();
    }

    @Test
    void afterTerminationSpawnThrowsAndTellsAreDeadLettered() {
        ActorSystem system = newSystem("after");
        DeadLetterRecorder deadLetters = DeadLetterRecorder.attach(system);
        ActorRef<Object> ref = system.spawn("actor", ScriptActor::new);
        assertThat(system.terminate(LONG)).isTrue();

        assertThatThrownBy(() -> system.spawn("new", ScriptActor::new))
                .isInstanceOf(ActorSystemTerminatedException.class)
                .hasMessageContaining(system.name());
        assertThatThrownBy(() -> system.spawnAnonymous(ScriptActor::new))
                .isInstanceOf(ActorSystemTerminatedException.class);
        assertThatCode(() -> ref.tell("late")).doesNotThrowAnyException();
        assertThat(ref.offer("offered")).isEqualTo(OfferResult.DEAD);

        assertThat(deadLetters.messages(DeadLetterReason.STOPPED)).containsExactly("late");
        assertThat(system.lookup("/user/actor")).isEmpty();
    }

    @Test
    void askAfterTerminationFailsTheFutureInsteadOfThrowing() {
        ActorSystem system = newSystem("ask-after");
        ActorRef<Object> ref = system.spawn("actor", ScriptActor::new);
        assertThat(system.terminate(LONG)).isTrue();

        CompletableFuture<?>[] reply = new CompletableFuture<?>[1];
        assertThatCode(() -> reply[0] = ref.ask(replyTo -> "hello?", LONG)).doesNotThrowAnyException();
        assertThat(failure(reply[0])).isInstanceOf(ActorSystemTerminatedException.class);
    }

    @Test
    void anAskStillWaitingWhenTheSystemTerminatesFailsInsteadOfHangingUntilItsTimeout() {
        ActorSystem system = newSystem("ask-pending");
        ActorRef<Object> silent = system.spawn("silent", () -> (message, ctx) -> { });
        CompletableFuture<Object> reply = silent.ask(replyTo -> "anyone?", Duration.ofMinutes(5));

        assertThat(system.terminate(LONG)).isTrue();

        assertThat(failure(reply)).isInstanceOf(ActorSystemTerminatedException.class)
                .hasMessageContaining("/user/silent");
    }

    @Test
    void terminateCalledFromAnActorReturnsAtOnceAndStillTerminates() {
        ActorSystem system = newSystem("from-inside");
        ActorRef<Object> ref = system.spawn("terminator", ScriptActor::new);

        boolean returned = call(ref, ctx -> ctx.system().terminate(LONG));

        assertThat(returned).isFalse();
        assertThat(result(system.whenTerminated())).isNull();
        assertThat(system.state()).isEqualTo(ActorSystem.State.TERMINATED);
        awaitNoRuntimeThreads(system.name());
    }

    @Test
    void closeTerminatesWithTheConfiguredShutdownTimeout() {
        String name = TestSupport.uniqueName("close");
        Recorder<String> stopped = new Recorder<>();
        ActorSystem closed;
        try (ActorSystem system = ActorSystem.builder(name).shutdownTimeout(Duration.ofSeconds(15)).build()) {
            closed = system;
            system.spawn("a", () -> new Slow(new AtomicLong(), stopped)).tell("x");
        }
        assertThat(closed.state()).isEqualTo(ActorSystem.State.TERMINATED);
        assertThat(stopped.snapshot()).containsExactly("/user/a");
        awaitNoRuntimeThreads(name);
    }

    /** Spawns the children listed for its name in preStart, records its path in postStop. */
    static final class Node implements Actor<Object> {
        private final String name;
        private final Map<String, List<String>> tree;
        private final Recorder<String> stopped;

        Node(String name, Map<String, List<String>> tree, Recorder<String> stopped) {
            this.name = name;
            this.tree = tree;
            this.stopped = stopped;
        }

        @Override
        public void preStart(ActorContext<Object> ctx) {
            for (String child : tree.getOrDefault(name, List.of())) {
                ctx.spawn(child, () -> new Node(child, tree, stopped));
            }
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
        }

        @Override
        public void postStop(ActorContext<Object> ctx) {
            stopped.add(ctx.self().address().path());
        }
    }
}
