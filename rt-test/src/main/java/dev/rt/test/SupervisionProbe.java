package dev.rt.test;

import dev.rt.ActorRef;
import dev.rt.monitor.RuntimeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Expectations on what supervision did: restarts, escalations, supervisors giving up, children stopped.
 * Each expectation takes one matching event, so two restarts need two {@code expectRestart} calls.
 *
 * <pre>{@code
 * ActorRef<Object> worker = supervisor.child("worker").orElseThrow();
 * worker.tell("boom");
 * kit.supervision().expectRestart(worker);
 * }</pre>
 *
 * <p>Built on the {@link RuntimeEventLog} the kit installs, so it sees only systems built (or, in
 * Spring, configured) with it.
 */
public final class SupervisionProbe {

    private final RuntimeEventLog log;
    private final TestKitSettings settings;
    private final Map<String, Integer> restartsTaken = new ConcurrentHashMap<>();

    SupervisionProbe(RuntimeEventLog log, TestKitSettings settings) {
        this.log = log;
        this.settings = settings;
    }

    /**
     * Waits for {@code child} to be restarted: by its supervisor, or by itself when it is not supervised
     * and its {@code onFailure} said {@code RESTART}.
     *
     * @param child the actor
     * @return the event
     * @throws AssertionError listing the supervision events seen if no restart comes in time
     */
    public RuntimeEvent expectRestart(ActorRef<?> child) {
        return expectRestart(child.address().path());
    }

    /**
     * @param childPath the actor's path, such as {@code /user/app/worker}
     * @return the event
     * @see #expectRestart(ActorRef)
     */
    public RuntimeEvent expectRestart(String childPath) {
        Objects.requireNonNull(childPath, "childPath");
        // A supervised child restarted in place publishes ChildRestarted and ActorRestarted, one respawned
        // only the first, an unsupervised actor only the second: count restarts as the larger tally.
        int wanted = restartsTaken.merge(childPath, 1, Integer::sum);
        Duration timeout = settings.expectTimeout();
        if (!log.journal().await(events -> restarts(events, childPath) >= wanted, timeout)) {
            restartsTaken.merge(childPath, -1, Integer::sum);
            throw new AssertionError("expected a restart of " + childPath + " (restart #" + wanted + ") within "
                    + Texts.duration(timeout) + ", but it did not happen; supervision events so far: "
                    + supervisionSoFar());
        }
        log.journal().consumeAll(e -> isRestart(e) && pathOfRestarted(e).equals(childPath));
        return nthRestart(log.journal().all(), childPath, wanted);
    }

    /** The event of restart number {@code n} (from 1), counted in the larger tally as {@link #restarts} does. */
    private static RuntimeEvent nthRestart(List<RuntimeEvent> events, String path, int n) {
        return restartTally(events, path).get(n - 1);
    }

    private static int restarts(List<RuntimeEvent> events, String path) {
        return restartTally(events, path).size();
    }

    /** The restarts of {@code path} as its supervisor reported them, or as the actor did if those are more. */
    private static List<RuntimeEvent> restartTally(List<RuntimeEvent> events, String path) {
        List<RuntimeEvent> bySupervisor = new ArrayList<>();
        List<RuntimeEvent> byActor = new ArrayList<>();
        for (RuntimeEvent event : events) {
            if (event instanceof RuntimeEvent.ChildRestarted r && r.child().path().equals(path)) {
                bySupervisor.add(event);
            } else if (event instanceof RuntimeEvent.ActorRestarted r && r.actor().path().equals(path)) {
                byActor.add(event);
            }
        }
        return bySupervisor.size() >= byActor.size() ? bySupervisor : byActor;
    }

    private String supervisionSoFar() {
        return log.journal().describe(SupervisionProbe::isSupervision, Texts::event, 20);
    }

    private static boolean isRestart(RuntimeEvent event) {
        return event instanceof RuntimeEvent.ChildRestarted || event instanceof RuntimeEvent.ActorRestarted;
    }

    /**
     * Fails if {@code child} is restarted within the default no-message timeout.
     *
     * @param child the actor
     */
    public void expectNoRestart(ActorRef<?> child) {
        String path = child.address().path();
        Duration within = settings.noMessageTimeout();
        int taken = restartsTaken.getOrDefault(path, 0);
        if (log.journal().await(events -> restarts(events, path) > taken, within)) {
            throw new AssertionError("expected no restart of " + path + " within " + Texts.duration(within)
                    + ", but it was restarted; supervision events so far: "
                    + supervisionSoFar());
        }
    }

    /**
     * Waits for any supervisor to escalate a failure to its parent.
     *
     * @return the event
     */
    public RuntimeEvent.Escalated expectEscalation() {
        return (RuntimeEvent.Escalated) take(e -> e instanceof RuntimeEvent.Escalated, "an escalation",
                settings.expectTimeout());
    }

    /**
     * Waits for the actor or supervisor at {@code from} to escalate.
     *
     * @param from the escalating actor
     * @return the event
     */
    public RuntimeEvent.Escalated expectEscalation(ActorRef<?> from) {
        String path = from.address().path();
        return (RuntimeEvent.Escalated) take(e -> e instanceof RuntimeEvent.Escalated && e.actor().path().equals(path),
                "an escalation from " + path, settings.expectTimeout());
    }

    /**
     * Waits for the supervisor at that path to exceed its restart intensity and give up.
     *
     * @param supervisorPath such as {@code /user/app}
     * @return the event
     */
    public RuntimeEvent.SupervisorGaveUp expectGaveUp(String supervisorPath) {
        return (RuntimeEvent.SupervisorGaveUp) take(e -> e instanceof RuntimeEvent.SupervisorGaveUp
                        && e.actor().path().equals(supervisorPath), "supervisor " + supervisorPath + " to give up",
                settings.expectTimeout());
    }

    /**
     * Waits for the supervisor to wait before restarting {@code child}.
     *
     * @param child the failed child
     * @return the event, with the delay chosen
     */
    public RuntimeEvent.BackingOff expectBackoff(ActorRef<?> child) {
        String path = child.address().path();
        return (RuntimeEvent.BackingOff) take(e -> e instanceof RuntimeEvent.BackingOff b
                && b.child().path().equals(path), "a backoff before restarting " + path, settings.expectTimeout());
    }

    /**
     * Waits for {@code child} to stop for good (not to be restarted).
     *
     * @param child the child
     * @return the event
     */
    public RuntimeEvent.ChildStopped expectChildStopped(ActorRef<?> child) {
        String path = child.address().path();
        return (RuntimeEvent.ChildStopped) take(e -> e instanceof RuntimeEvent.ChildStopped s
                && s.child().path().equals(path), path + " to stop for good", settings.expectTimeout());
    }

    /**
     * Waits for an actor's handler, {@code preStart} or factory to throw.
     *
     * @param actor the actor
     * @return the event, with what the failure led to
     */
    public RuntimeEvent.ActorFailed expectFailure(ActorRef<?> actor) {
        String path = actor.address().path();
        return (RuntimeEvent.ActorFailed) take(e -> e instanceof RuntimeEvent.ActorFailed && e.actor().path()
                .equals(path), "a failure of " + path, settings.expectTimeout());
    }

    /** Forgets which restarts were taken (between tests of a shared system). */
    void reset() {
        restartsTaken.clear();
    }

    private RuntimeEvent take(Predicate<RuntimeEvent> matcher, String what, Duration timeout) {
        RuntimeEvent event = log.journal().take(matcher, timeout);
        if (event == null) {
            throw new AssertionError("expected " + what + " within " + Texts.duration(timeout)
                    + ", but it did not happen; supervision events so far: "
                    + supervisionSoFar());
        }
        return event;
    }

    private static String pathOfRestarted(RuntimeEvent event) {
        return event instanceof RuntimeEvent.ChildRestarted r ? r.child().path() : event.actor().path();
    }

    private static boolean isSupervision(RuntimeEvent event) {
        return !(event instanceof RuntimeEvent.ActorStarted || event instanceof RuntimeEvent.ActorStopped
                || event instanceof RuntimeEvent.ChildStarted);
    }
}
