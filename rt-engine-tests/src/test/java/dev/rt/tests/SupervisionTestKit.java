package dev.rt.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.FailureAction;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.test.RuntimeEventLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Shared helpers of the supervision tests: a recording child actor and waiting on conditions (the manual
 * clock they used is rt-test's ManualTime now). Nothing here sleeps; everything waits on a condition or a latch with a timeout.
 */
final class SupervisionTestKit {

    /** The upper bound for anything a test waits for; generous for a loaded 2-core machine. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private SupervisionTestKit() {
    }

    /** @return Awaitility polling quickly, bounded by {@link #WAIT} */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    /** A request answered by a {@link Probe} with its id, such as {@code b#2}. */
    record Ping(ActorRef<String> replyTo) {
    }

    /**
     * Everything the probes of one test do: instances created per child name, and a log of
     * {@code start x#n}, {@code stop x#n}, {@code prestart-failed x#n}, {@code x#n got m}.
     */
    static final class Recorder {
        final List<String> log = new CopyOnWriteArrayList<>();
        /** Counted down when a probe starts handling {@code "block"}. */
        final CountDownLatch blocked = new CountDownLatch(1);
        /** Releases probes blocked in {@code "block"} or in a gated {@code preStart}. */
        final CountDownLatch release = new CountDownLatch(1);
        private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> preStartFailures = new ConcurrentHashMap<>();
        private final Set<String> gatedPreStart = ConcurrentHashMap.newKeySet();
        private final Map<String, FailureAction> onFailure = new ConcurrentHashMap<>();

        /** @return a factory of probes named {@code name}, counting instances */
        Supplier<Actor<Object>> probe(String name) {
            AtomicInteger counter = created.computeIfAbsent(name, n -> new AtomicInteger());
            return () -> new Probe(this, name, counter.incrementAndGet());
        }

        ChildSpec child(String name) {
            return ChildSpec.actor(name, probe(name));
        }

        int created(String name) {
            AtomicInteger counter = created.get(name);
            return counter == null ? 0 : counter.get();
        }

        /** The next {@code times} preStarts of {@code name} throw. */
        void failPreStart(String name, int times) {
            preStartFailures.put(name, new AtomicInteger(times));
        }

        /** preStart of {@code name} waits for {@link #release}. */
        void gatePreStart(String name) {
            gatedPreStart.add(name);
        }

        /** Probes named {@code name} answer {@link Actor#onFailure} with {@code action} (default ESCALATE). */
        void onFailure(String name, FailureAction action) {
            onFailure.put(name, action);
        }

        FailureAction onFailureOf(String name) {
            return onFailure.getOrDefault(name, FailureAction.ESCALATE);
        }

        List<String> entries(String prefix) {
            return log.stream().filter(entry -> entry.startsWith(prefix)).toList();
        }

        boolean shouldFailPreStart(String name) {
            AtomicInteger left = preStartFailures.get(name);
            return left != null && left.getAndDecrement() > 0;
        }

        boolean isPreStartGated(String name) {
            return gatedPreStart.contains(name);
        }
    }

    /**
     * A child that records its lifecycle. Messages: {@code "boom"} throws, {@code "stop"} stops itself,
     * {@code "block"} waits for the recorder's release latch, a {@link Ping} is answered with the id,
     * any other string is logged as {@code id got message}.
     */
    static final class Probe implements Actor<Object> {
        private final Recorder recorder;
        private final String name;
        private final int instance;

        Probe(Recorder recorder, String name, int instance) {
            this.recorder = recorder;
            this.name = name;
            this.instance = instance;
        }

        String id() {
            return name + "#" + instance;
        }

        @Override
        public void preStart(ActorContext<Object> ctx) throws Exception {
            if (recorder.isPreStartGated(name)) {
                recorder.log.add("prestart-begin " + id());
                assertThat(recorder.release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            }
            if (recorder.shouldFailPreStart(name)) {
                recorder.log.add("prestart-failed " + id());
                throw new IllegalStateException("preStart of " + id() + " failed");
            }
            recorder.log.add("start " + id());
        }

        @Override
        public void postStop(ActorContext<Object> ctx) {
            recorder.log.add("stop " + id());
        }

        @Override
        public FailureAction onFailure(Throwable error, Object message) {
            return recorder.onFailureOf(name);
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) throws Exception {
            if ("boom".equals(message)) {
                throw new IllegalStateException("boom in " + id());
            } else if ("stop".equals(message)) {
                ctx.stop(ctx.self());
            } else if ("block".equals(message)) {
                recorder.blocked.countDown();
                assertThat(recorder.release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                recorder.log.add(id() + " unblocked");
            } else if (message instanceof Ping ping) {
                ping.replyTo().tell(id());
            } else {
                recorder.log.add(id() + " got " + message);
            }
        }
    }

    /** @return the id of the instance that answers at {@code ref}, such as {@code b#2} */
    static String ping(ActorRef<Object> ref) throws Exception {
        return ref.<String>ask(Ping::new, Duration.ofSeconds(5)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static ActorRef<Object> child(Supervisor supervisor, String name) {
        return supervisor.<Object>child(name).orElseThrow(() -> new AssertionError("no live child " + name));
    }

    static Supervisor started(Supervisor supervisor) throws Exception {
        supervisor.whenStarted().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return supervisor;
    }

    static SupervisorSnapshot.Child childOf(SupervisorSnapshot snapshot, String name) {
        return snapshot.children().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no child " + name + " in " + snapshot));
    }

    static List<String> childNames(SupervisorSnapshot snapshot) {
        return snapshot.children().stream().map(SupervisorSnapshot.Child::name).toList();
    }

    /** @return the supervision events (gave up, escalated) as {@code GaveUp path} / {@code Escalated path} */
    static List<String> escalations(RuntimeEventLog listener) {
        return listener.events().stream()
                .filter(e -> e instanceof RuntimeEvent.SupervisorGaveUp || e instanceof RuntimeEvent.Escalated)
                .map(e -> (e instanceof RuntimeEvent.SupervisorGaveUp ? "GaveUp " : "Escalated ") + e.actor().path())
                .toList();
    }

    static void terminate(ActorSystem system) {
        assertThat(system.terminate(Duration.ofSeconds(10))).as("terminate(10s) of " + system.name()).isTrue();
    }
}
