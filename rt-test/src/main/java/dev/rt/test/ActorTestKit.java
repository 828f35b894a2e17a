package dev.rt.test;

import dev.rt.Actor;
import dev.rt.ActorNode;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.SpawnOptions;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.monitor.RuntimeListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An actor system for one test (or one test class) with everything a test needs around it: probes,
 * dead-letter and supervision expectations, optionally a {@link ManualTime}, and a shutdown that fails
 * the test when something went wrong unseen.
 *
 * <p>With JUnit Jupiter, let {@link dev.rt.test.junit.ActorTest @ActorTest} create and check it:
 * <pre>{@code
 * @ActorTest
 * class CounterTest {
 *     @Test
 *     void counts(ActorTestKit kit) {
 *         ActorRef<CounterMsg> counter = kit.spawn("counter", Counter::new);
 *         TestProbe<Long> replies = kit.createProbe();
 *         counter.tell(new CounterMsg.Add(5));
 *         counter.tell(new CounterMsg.Get(replies));
 *         replies.expectMessage(5L);
 *     }
 * }
 * }</pre>
 *
 * Without JUnit, build one and {@link #close()} it (which runs the same checks):
 * <pre>{@code
 * try (ActorTestKit kit = ActorTestKit.builder().manualTime().build()) { ... }
 * }</pre>
 *
 * <p>The checks: {@link #verify()} fails on dead letters the test did not expect and on actors it left
 * running in a shared system; {@link #shutdown()} fails if the system does not terminate in time (an
 * actor stuck in its handler, a thread that will not end), naming what was left.
 */
public final class ActorTestKit implements AutoCloseable {

    private static final AtomicInteger SYSTEMS = new AtomicInteger();
    private static final String PROBE_PREFIX = "testProbe-";

    private final ActorSystem system;
    private final boolean ownsSystem;
    private final ManualTime time;
    private final TestKitSettings settings;
    private final RuntimeEventLog events;
    private final DeadLetterProbe deadLetters;
    private final SupervisionProbe supervision;
    private final AtomicInteger probes = new AtomicInteger();
    private final Set<String> probeNames = ConcurrentHashMap.newKeySet();
    private volatile Set<String> actorsAtStart = Set.of();
    private volatile boolean shutDown;

    private ActorTestKit(ActorSystem system, boolean ownsSystem, ManualTime time, TestKitSettings settings,
                         RuntimeEventLog events) {
        this.system = system;
        this.ownsSystem = ownsSystem;
        this.time = time;
        this.settings = settings;
        this.events = events;
        this.deadLetters = new DeadLetterProbe(system, settings);
        this.supervision = new SupervisionProbe(events, settings);
    }

    /** @return a builder with a fresh system name, real time and the settings of {@link TestKitSettings#load()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a kit with defaults */
    public static ActorTestKit create() {
        return builder().build();
    }

    /**
     * A kit around a system someone else owns (a Spring context's, for example). Shutting the kit down
     * does not terminate that system. Supervision expectations see events only if {@code events} is
     * among the system's listeners.
     *
     * @param system the running system
     * @param events the log the system reports to
     * @param time the system's manual time, or {@code null} if it runs on real time
     * @param settings timeouts
     * @return the kit
     */
    public static ActorTestKit attach(ActorSystem system, RuntimeEventLog events, ManualTime time,
                                      TestKitSettings settings) {
        return new ActorTestKit(Objects.requireNonNull(system, "system"), false, time,
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(events, "events"));
    }

    // ---------------------------------------------------------------- the system

    /** @return the system under test */
    public ActorSystem system() {
        return system;
    }

    /** @return the timeouts in force */
    public TestKitSettings settings() {
        return settings;
    }

    /**
     * @return the manual clock and scheduler of the system
     * @throws IllegalStateException if the kit runs on real time (build it with {@code manualTime()})
     */
    public ManualTime time() {
        if (time == null) {
            throw new IllegalStateException("this ActorTestKit runs on real time; build it with manualTime() "
                    + "(or @ActorTest(manualTime = true)) to move time by hand");
        }
        return time;
    }

    /** @return expectations on dead letters */
    public DeadLetterProbe deadLetters() {
        return deadLetters;
    }

    /** @return expectations on restarts, escalations and other supervision events */
    public SupervisionProbe supervision() {
        return supervision;
    }

    /** @return every lifecycle, failure and supervision event of the system so far */
    public RuntimeEventLog events() {
        return events;
    }

    /**
     * @param duration a duration written for a fast machine
     * @return it multiplied by the configured time factor
     */
    public Duration dilated(Duration duration) {
        return settings.dilated(duration);
    }

    // ---------------------------------------------------------------- actors and probes

    /**
     * @param name a top-level name
     * @param factory makes the actor (again on every restart)
     * @param <M> the message type
     * @return the actor's ref
     */
    public <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory) {
        return system.spawn(name, factory);
    }

    /**
     * @param name a top-level name
     * @param factory makes the actor
     * @param options mailbox and dispatcher
     * @param <M> the message type
     * @return the actor's ref
     */
    public <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory, SpawnOptions options) {
        return system.spawn(name, factory, options);
    }

    /**
     * @param factory makes the actor
     * @param <M> the message type
     * @return the ref of an actor with a generated name
     */
    public <M> ActorRef<M> spawn(Supplier<? extends Actor<M>> factory) {
        return system.spawnAnonymous(factory);
    }

    /**
     * Stops an actor and waits until it has stopped (its {@code postStop} ran).
     *
     * @param actor the actor
     */
    public void stop(ActorRef<?> actor) {
        TestProbe<Object> watcher = createProbe("stop-watch");
        try {
            watcher.watch(actor);
            system.stop(actor);
            watcher.expectTerminated(actor);
        } finally {
            watcher.stop();
        }
    }

    /**
     * @param <M> the message type
     * @return a new probe
     */
    public <M> TestProbe<M> createProbe() {
        return createProbe("probe");
    }

    /**
     * @param type the message type (for inference only)
     * @param <M> the message type
     * @return a new probe
     */
    public <M> TestProbe<M> createProbe(Class<M> type) {
        return createProbe(type.getSimpleName().isEmpty() ? "probe" : type.getSimpleName());
    }

    /**
     * @param label part of the probe's actor name, to tell probes apart in failure messages
     * @param <M> the message type
     * @return a new probe, a top-level actor named {@code testProbe-<n>-<label>}
     */
    public <M> TestProbe<M> createProbe(String label) {
        TestProbe<M> probe = createSharedProbe(label);
        probeNames.add(probe.name());
        return probe;
    }

    /**
     * A probe that outlives the test that made it: {@link #reset()} does not stop it. For probes that
     * belong to a fixture shared by many tests, such as the probes {@code @RtTest} swaps in for actors.
     *
     * @param label part of the probe's actor name
     * @param <M> the message type
     * @return a new probe, a top-level actor named {@code testProbe-<n>-<label>}
     */
    public <M> TestProbe<M> createSharedProbe(String label) {
        return TestProbe.spawn(system, PROBE_PREFIX + probes.incrementAndGet() + "-" + label, settings);
    }

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
     */
    public void awaitAssert(Duration max, Runnable assertion) {
        Waiting.awaitAssert(max, () -> {
            assertion.run();
            return null;
        });
    }

    // ---------------------------------------------------------------- checks

    /** Marks the start of a test in a shared system: actors alive now are not the test's. */
    public void beginTest() {
        actorsAtStart = livePaths();
    }

    /**
     * The end-of-test check: fails if a dead letter appeared that the test did not expect.
     *
     * @throws AssertionError describing what went unseen
     */
    public void verify() {
        deadLetters.expectNoUnexpected();
    }

    /**
     * The end-of-test check of a shared system: fails if actors the test started are still running (they
     * would leak into the next test). An actor that is still stopping (say, {@code system.stop(ref)} was
     * called and its {@code postStop} has not finished) is waited for, up to the expect timeout, before it
     * counts as left running. Probes are stopped by {@link #reset()}, not counted here.
     *
     * @throws AssertionError naming them
     */
    public void verifyNoLeakedActors() {
        try {
            Waiting.awaitAssert(settings.expectTimeout(), () -> {
                List<String> leaked = leakedActors();
                if (!leaked.isEmpty()) {
                    throw new AssertionError(leaked.size() + " actor(s) started by this test are still running: "
                            + leaked + ". Stop them in the test (kit.stop(ref)), or give each test its own system "
                            + "(@ActorTest(lifecycle = PER_METHOD), the default).");
                }
                return null;
            });
        } catch (AssertionError stillRunning) {
            // report the leak itself, not the retry wrapper around it
            throw stillRunning.getCause() instanceof AssertionError leak ? leak : stillRunning;
        }
    }

    /** @return actors alive now that were not at {@link #beginTest()}, probes aside */
    public List<String> leakedActors() {
        Set<String> before = actorsAtStart;
        List<String> out = new ArrayList<>();
        for (String path : livePaths()) {
            if (!before.contains(path) && !isProbe(path)) {
                out.add(path);
            }
        }
        return out;
    }

    /** Forgets the dead letters, events and expectations of the test that ended (in a shared system). */
    public void reset() {
        for (String probe : List.copyOf(probeNames)) {
            system.lookup("/user/" + probe).ifPresent(system::stop);
        }
        probeNames.clear();
        deadLetters.reset();
        events.clear();
        supervision.reset();
    }

    /**
     * Terminates the system (if the kit owns it) within the shutdown timeout, and checks that nothing of
     * it was left behind. Dead letters keep being recorded while the system drains the messages still
     * in flight, so {@link #verify()} afterwards sees what the test's last work lost; letters that only
     * the shutdown causes (sends refused because the system is shutting down, messages left once actors
     * are being stopped) are not the test's and are not recorded.
     *
     * <p>What counts as a leak, in a system the kit owns: after termination, an actor (probes included)
     * that started and never reported stopping, or a runtime thread of this system ({@code rt-<name>-...})
     * that is still alive.
     *
     * @throws AssertionError if the system did not terminate in time (naming the actors alive when
     *         shutdown began and the runtime threads still running, with what they were doing), or if
     *         it terminated but left actors or threads behind (naming them)
     */
    public void shutdown() {
        if (shutDown || !ownsSystem) {
            shutDown = true;
            return;
        }
        shutDown = true;
        List<String> live = new ArrayList<>(livePaths());
        live.removeIf(ActorTestKit::isProbe);
        Duration timeout = settings.dilatedShutdownTimeout();
        deadLetters.beginShutdown();
        boolean terminated;
        try {
            terminated = system.terminate(timeout);
        } finally {
            deadLetters.stopRecording();
        }
        if (!terminated) {
            throw new AssertionError("actor system " + system.name() + " did not terminate within "
                    + Texts.duration(timeout) + ": an actor kept running a message or a thread would not end. "
                    + "Actors alive when shutdown began: " + live + ". Runtime threads still running: "
                    + runtimeThreads());
        }
        List<String> notStopped = actorsNeverStopped();
        String threads = runtimeThreads();
        if (!notStopped.isEmpty() || !threads.equals("none")) {
            throw new AssertionError("actor system " + system.name() + " terminated but leaked: actors that never "
                    + "stopped: " + notStopped + ". Runtime threads still alive: " + threads);
        }
    }

    /**
     * Runs {@link #shutdown()} and then {@link #verify()}, so the check sees what in-flight work
     * dead-lettered. If both fail, the dead-letter failure is thrown with the shutdown failure
     * {@linkplain Throwable#getSuppressed() suppressed}; nothing is hidden.
     */
    @Override
    public void close() {
        AssertionError shutdownFailure = null;
        try {
            shutdown();
        } catch (AssertionError e) {
            shutdownFailure = e;
        }
        try {
            verify();
        } catch (AssertionError verifyFailure) {
            if (shutdownFailure != null) {
                verifyFailure.addSuppressed(shutdownFailure);
            }
            throw verifyFailure;
        }
        if (shutdownFailure != null) {
            throw shutdownFailure;
        }
    }

    /** @return actors whose last lifecycle event is a start, so they never reported stopping */
    private List<String> actorsNeverStopped() {
        Map<String, Boolean> running = new java.util.LinkedHashMap<>();
        for (RuntimeEvent event : events.events()) {
            if (event instanceof RuntimeEvent.ActorStarted started) {
                running.put(started.actor().path(), Boolean.TRUE);
            } else if (event instanceof RuntimeEvent.ActorStopped stopped) {
                running.put(stopped.actor().path(), Boolean.FALSE);
            }
        }
        List<String> out = new ArrayList<>();
        running.forEach((path, stillRunning) -> {
            if (stillRunning) {
                out.add(path);
            }
        });
        return out;
    }

    private Set<String> livePaths() {
        Set<String> out = new LinkedHashSet<>();
        collect(system.tree(), out);
        return out;
    }

    private static void collect(ActorNode node, Set<String> out) {
        for (ActorNode child : node.children()) {
            out.add(child.path());
            collect(child, out);
        }
    }

    private static boolean isProbe(String path) {
        return path.startsWith("/user/" + PROBE_PREFIX);
    }

    private String runtimeThreads() {
        String prefix = "rt-" + system.name() + "-";
        List<String> out = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread.isAlive() && thread.getName().startsWith(prefix)) {
                StackTraceElement[] stack = entry.getValue();
                out.add(thread.getName() + (stack.length == 0 ? "" : " at " + stack[0]));
            }
        }
        return out.isEmpty() ? "none" : out.toString();
    }

    @Override
    public String toString() {
        return "ActorTestKit[" + system.name() + (time != null ? ", manual time" : "") + "]";
    }

    /** Configures an {@link ActorTestKit}. */
    public static final class Builder {
        private String name;
        private boolean manualTime;
        private TestKitSettings settings;
        private UnaryOperator<ActorSystem.Builder> configure = UnaryOperator.identity();
        private final List<RuntimeListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param systemName the system's name (a fresh {@code test-<n>} by default); keep names unique
         *                   among systems running at once
         * @return this
         */
        public Builder name(String systemName) {
            this.name = Objects.requireNonNull(systemName, "name");
            return this;
        }

        /** @return this, with a {@link ManualTime} as the system's clock and scheduler */
        public Builder manualTime() {
            return manualTime(true);
        }

        /**
         * @param manual whether time moves only when the test advances it
         * @return this
         */
        public Builder manualTime(boolean manual) {
            this.manualTime = manual;
            return this;
        }

        /**
         * @param testKitSettings timeouts and time factor (by default {@link TestKitSettings#load()})
         * @return this
         */
        public Builder settings(TestKitSettings testKitSettings) {
            this.settings = Objects.requireNonNull(testKitSettings, "settings");
            return this;
        }

        /**
         * @param configurer changes the system's builder (mailboxes, dispatchers, ask timeout...)
         * @return this
         */
        public Builder configure(UnaryOperator<ActorSystem.Builder> configurer) {
            UnaryOperator<ActorSystem.Builder> before = configure;
            Objects.requireNonNull(configurer, "configurer");
            this.configure = builder -> configurer.apply(before.apply(builder));
            return this;
        }

        /**
         * @param listener another listener for the system, called besides the kit's own
         * @return this
         */
        public Builder listener(RuntimeListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** @return a kit with a started system */
        public ActorTestKit build() {
            TestKitSettings resolved = settings != null ? settings : TestKitSettings.load();
            RuntimeEventLog log = new RuntimeEventLog();
            List<RuntimeListener> all = new ArrayList<>(listeners);
            all.add(0, log);
            ManualTime clock = manualTime ? new ManualTime() : null;
            ActorSystem.Builder builder = ActorSystem.builder(name != null ? name : "test-" + SYSTEMS.incrementAndGet());
            builder = configure.apply(builder);
            builder.listener(RuntimeListener.composite(all));
            if (clock != null) {
                clock.configure(builder);
            }
            return new ActorTestKit(builder.build(), true, clock, resolved, log);
        }
    }
}
