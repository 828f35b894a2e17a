package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ActorContext#watch} of refs to actors outside the system, through {@link WatchableRef}. */
class ForeignWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ActorSystem system = ActorSystem.create("foreign-watch-" + System.nanoTime());

    @AfterEach
    void tearDown() {
        system.terminate(Duration.ofSeconds(10));
    }

    /** What a transport would do: remember each watcher's callback, run it when told the actor is gone. */
    static final class FakeTransport {
        final Map<ActorRef<?>, Runnable> watchers = new ConcurrentHashMap<>();
        final List<ActorRef<?>> unwatched = new CopyOnWriteArrayList<>();
        volatile RuntimeException refuse;

        @SuppressWarnings("unchecked")
        ActorRef<String> ref() {
            return (ActorRef<String>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ActorRef.class, WatchableRef.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "watch" -> {
                                if (refuse != null) {
                                    throw refuse;
                                }
                                watchers.put((ActorRef<?>) args[0], (Runnable) args[1]);
                                return null;
                            }
                            case "unwatch" -> {
                                unwatched.add((ActorRef<?>) args[0]);
                                watchers.remove((ActorRef<?>) args[0]);
                                return null;
                            }
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "foreign-ref";
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }

        void actorGone() {
            watchers.values().forEach(Runnable::run);
        }
    }

    /** Watches the ref it is given and records Terminated signals; runs scripts like any test actor. */
    static final class Watcher extends TestSupport.ScriptActor {
        final List<Terminated> heard;
        final ActorRef<String> target;

        Watcher(List<Terminated> heard, ActorRef<String> target) {
            this.heard = heard;
            this.target = target;
        }

        @Override
        public void preStart(ActorContext<Object> ctx) {
            ctx.watch(target);
        }

        @Override
        public void onSignal(Signal signal, ActorContext<Object> ctx) {
            if (signal instanceof Terminated terminated) {
                heard.add(terminated);
            }
        }
    }

    @Test
    void aWatcherHearsTerminatedWhenTheTransportSaysTheActorIsGone() {
        FakeTransport transport = new FakeTransport();
        ActorRef<String> foreign = transport.ref();
        List<Terminated> heard = new CopyOnWriteArrayList<>();
        ActorRef<Object> watcher = system.spawn("watcher", () -> new Watcher(heard, foreign));
        await().atMost(WAIT).until(() -> transport.watchers.containsKey(watcher));

        transport.actorGone();
        transport.actorGone(); // a transport that reports twice still yields one Terminated

        await().atMost(WAIT).until(() -> !heard.isEmpty());
        assertThat(TestSupport.<String>call(watcher, ctx -> "after")).isEqualTo("after");
        assertThat(heard).extracting(Terminated::ref).containsExactly(foreign);
    }

    @Test
    void unwatchingTellsTheTransportAndNoTerminatedFollows() {
        FakeTransport transport = new FakeTransport();
        ActorRef<String> foreign = transport.ref();
        List<Terminated> heard = new CopyOnWriteArrayList<>();
        ActorRef<Object> watcher = system.spawn("watcher", () -> new Watcher(heard, foreign));
        await().atMost(WAIT).until(() -> transport.watchers.containsKey(watcher));
        Runnable callback = transport.watchers.get(watcher);

        TestSupport.call(watcher, ctx -> {
            ctx.unwatch(foreign);
            return null;
        });
        assertThat(transport.unwatched).containsExactly(watcher);
        callback.run(); // a late report after the unwatch

        assertThat(TestSupport.<String>call(watcher, ctx -> "after")).isEqualTo("after");
        assertThat(heard).isEmpty();
    }

    @Test
    void aStoppedWatcherUnwatchesSoTheTransportCanForgetIt() {
        FakeTransport transport = new FakeTransport();
        ActorRef<Object> watcher = system.spawn("watcher",
                () -> new Watcher(new CopyOnWriteArrayList<>(), transport.ref()));
        await().atMost(WAIT).until(() -> transport.watchers.containsKey(watcher));

        system.stop(watcher);

        await().atMost(WAIT).until(() -> transport.unwatched.contains(watcher));
        assertThat(transport.watchers).isEmpty();
    }

    @Test
    void aRefusedWatchFailsInTheCallerAndIsNotRemembered() {
        FakeTransport transport = new FakeTransport();
        transport.refuse = new IllegalArgumentException("services cannot be watched");
        ActorRef<String> foreign = transport.ref();
        ActorRef<Object> probe = system.spawn("probe", TestSupport.ScriptActor::new);

        assertThatThrownBy(() -> TestSupport.call(probe, ctx -> {
            ctx.watch(foreign);
            return null;
        })).hasRootCauseInstanceOf(IllegalArgumentException.class).hasRootCauseMessage("services cannot be watched");

        transport.refuse = null;
        assertThat(TestSupport.<Boolean>call(probe, ctx -> {
            ctx.watch(foreign); // not remembered before, so the transport is asked again
            return true;
        })).isTrue();
        assertThat(transport.watchers).containsKey(probe);
    }

    @Test
    void aRefThatIsNeitherLocalNorWatchableIsRefused() {
        ActorRef<Object> probe = system.spawn("probe", TestSupport.ScriptActor::new);
        @SuppressWarnings("unchecked")
        ActorRef<String> plain = (ActorRef<String>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ActorRef.class}, (proxy, method, args) -> "toString".equals(method.getName())
                        ? "plain-ref" : null);

        assertThatThrownBy(() -> TestSupport.call(probe, ctx -> {
            ctx.watch(plain);
            return null;
        })).hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause().hasMessageContaining("WatchableRef");
    }
}
