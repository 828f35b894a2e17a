package dev.rt.tests;

import static dev.rt.tests.TestSupport.call;
import static dev.rt.tests.TestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.FailureAction;
import dev.rt.Signal;
import dev.rt.Terminated;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.test.ActorTestKit;
import dev.rt.test.TestProbe;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.TestSupport.Recorder;
import dev.rt.tests.TestSupport.ScriptActor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ActorContext#watch}, {@link Terminated} and the order in which a subtree stops. */
@ActorTest
class WatchTest {

    private ActorTestKit kit;
    private ActorSystem system;

    @BeforeEach
    void setUp(ActorTestKit kit) {
        this.kit = kit;
        system = kit.system();
    }

    /** A script actor that records the refs of the {@link Terminated} signals it receives. */
    static final class Watcher extends ScriptActor {
        final Recorder<ActorRef<?>> terminated;

        Watcher(Recorder<ActorRef<?>> terminated) {
            this.terminated = terminated;
        }

        @Override
        public void onSignal(Signal signal, ActorContext<Object> ctx) {
            if (signal instanceof Terminated t) {
                terminated.add(t.ref());
            }
        }
    }

    @Test
    void aWatcherReceivesTerminatedWhenTheWatchedActorStops() {
        ActorRef<Object> target = system.spawn("target", ScriptActor::new);
        TestProbe<Object> watcher = kit.createProbe("watcher").watch(target); // ctx.watch inside the probe's actor

        system.stop(target);

        watcher.expectTerminated(target);
    }

    @Test
    void watchingAnActorThatAlreadyStoppedDeliversTerminatedAtOnce() {
        ActorRef<Object> target = system.spawn("target", ScriptActor::new);
        kit.stop(target); // returns once it has stopped

        kit.createProbe("watcher").watch(target).expectTerminated(target);
    }

    @Test
    void unwatchSuppressesTerminated() {
        Recorder<ActorRef<?>> terminated = new Recorder<>();
        ActorRef<Object> watcher = system.spawn("watcher", () -> new Watcher(terminated));
        ActorRef<Object> unwatched = system.spawn("unwatched", ScriptActor::new);
        ActorRef<Object> watched = system.spawn("watched", ScriptActor::new);
        call(watcher, ctx -> {
            ctx.watch(unwatched);
            ctx.watch(watched);
            return null;
        });
        call(watcher, ctx -> {
            ctx.unwatch(unwatched);
            return null;
        });

        kit.stop(unwatched); // returns once it has stopped
        system.stop(watched);

        assertThat(terminated.awaitSize(1)).containsExactly(watched);
        // Anything the watcher was sent before is handled before this request.
        call(watcher, ctx -> null);
        assertThat(terminated.snapshot()).containsExactly(watched);
    }

    @Test
    void terminatedIsDeliveredOncePerWatchEvenIfWatchedTwice() {
        Recorder<ActorRef<?>> terminated = new Recorder<>();
        ActorRef<Object> watcher = system.spawn("watcher", () -> new Watcher(terminated));
        ActorRef<Object> target = system.spawn("target", ScriptActor::new);
        call(watcher, ctx -> {
            ctx.watch(target);
            ctx.watch(target);
            return null;
        });

        kit.stop(target); // returns once it has stopped
        terminated.awaitSize(1);
        call(watcher, ctx -> null);

        assertThat(terminated.snapshot()).containsExactly(target);
    }

    @Test
    void aRestartIsNotATermination() {
        Recorder<ActorRef<?>> terminated = new Recorder<>();
        ActorRef<Object> watcher = system.spawn("watcher", () -> new Watcher(terminated));
        ActorRef<Object> target = system.spawn("target", () -> new ScriptActor() {
            @Override
            void handle(Object message, ActorContext<Object> ctx) {
                throw new IllegalStateException("boom");
            }

            @Override
            public FailureAction onFailure(Throwable error, Object message) {
                return FailureAction.RESTART;
            }
        });
        call(watcher, ctx -> {
            ctx.watch(target);
            return null;
        });

        target.tell("fail");
        eventually().until(() -> kit.events().events().stream()
                .anyMatch(e -> e instanceof RuntimeEvent.ActorRestarted && e.actor().equals(target.address())));
        call(watcher, ctx -> null);
        assertThat(terminated.snapshot()).as("no Terminated for a restart").isEmpty();

        system.stop(target);
        assertThat(terminated.awaitSize(1)).as("the watch survives the restart").containsExactly(target);
        kit.deadLetters().expect(DeadLetterReason.FAILED, "fail");
    }

    @Test
    void aParentWatchingItsChildIsToldWhenItStopsTheChild() {
        Recorder<ActorRef<?>> terminated = new Recorder<>();
        ActorRef<Object> parent = system.spawn("parent", () -> new Watcher(terminated));
        ActorRef<?> child = call(parent, ctx -> {
            ActorRef<Object> spawned = ctx.spawn("child", ScriptActor::new);
            ctx.watch(spawned);
            return spawned;
        });

        call(parent, ctx -> {
            ctx.stop(child);
            return null;
        });

        assertThat(terminated.awaitSize(1)).containsExactly(child);
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

    @Test
    void childrenStopBeforeTheirParents() {
        Recorder<String> stopped = new Recorder<>();
        Map<String, List<String>> tree = Map.of(
                "parent", List.of("child-a", "child-b"),
                "child-a", List.of("grandchild"));
        ActorRef<Object> parent = system.spawn("parent", () -> new Node("parent", tree, stopped));
        eventually().until(() -> system.lookup("/user/parent/child-a/grandchild").isPresent()
                && system.lookup("/user/parent/child-b").isPresent());

        system.stop(parent);

        List<String> order = stopped.awaitSize(4);
        assertThat(order).containsExactlyInAnyOrder("/user/parent", "/user/parent/child-a",
                "/user/parent/child-b", "/user/parent/child-a/grandchild");
        assertThat(order.indexOf("/user/parent/child-a/grandchild"))
                .isLessThan(order.indexOf("/user/parent/child-a"));
        assertThat(order.indexOf("/user/parent/child-a")).isLessThan(order.indexOf("/user/parent"));
        assertThat(order.indexOf("/user/parent/child-b")).isLessThan(order.indexOf("/user/parent"));
        assertThat(order.get(3)).isEqualTo("/user/parent");
    }
}
