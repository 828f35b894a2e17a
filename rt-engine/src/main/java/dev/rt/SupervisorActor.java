package dev.rt;

import dev.rt.SupervisorSnapshot.State;
import dev.rt.monitor.RuntimeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The actor behind a {@link Supervisor}: starts children one at a time in order, decides on failures by
 * strategy and intensity, restarts (with optional backoff) in start order, and stops children one at a
 * time in reverse order. Child notifications arrive through {@link ChildSupervision} from its cell;
 * commands and backoff ticks arrive as messages.
 */
final class SupervisorActor implements Actor<SupervisorActor.Command>, ChildSupervision {

    /** Messages a supervisor accepts. */
    sealed interface Command {
        /** Add a child at run time; replies with its ref or an exception. */
        record StartChild(ChildSpec spec, ActorRef<Object> replyTo) implements Command {
        }

        /** Stop and remove a child; replies with the name or an exception ({@code replyTo} may be null). */
        record StopChild(String name, ActorRef<Object> replyTo) implements Command {
        }

        /** A backoff delay ran out. */
        record RestartNow(long token) implements Command {
        }
    }

    private static final class Entry {
        final ChildSpec spec;
        ActorCell<?> cell;
        State state = State.STARTING;
        int restarts;
        boolean removing;
        ActorRef<Object> startReply;
        ActorRef<Object> removeReply;
        Cancellable removalTimer;
        String path;

        Entry(ChildSpec spec) {
            this.spec = spec;
        }
    }

    private final SupervisorSpec spec;
    private final Supervisor handle;
    private final List<Entry> entries = new ArrayList<>();
    private final Deque<Entry> startQueue = new ArrayDeque<>();
    private final Deque<Long> restartTimes = new ArrayDeque<>();
    private ActorCell<Command> self;
    private ActorSystem system;
    private Entry awaiting;
    private State state = State.STARTING;
    private SupervisorSnapshot.Failure lastFailure;
    private int consecutiveBackoffs;
    private long lastFailureNanos;
    private boolean hasFailed;
    private long backoffToken;
    private boolean reportedStarted;
    private Deque<Entry> stopOrder;
    private Entry stopping;
    private Cancellable stopTimer;

    SupervisorActor(SupervisorSpec spec, Supervisor handle) {
        this.spec = spec;
        this.handle = handle;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void preStart(ActorContext<Command> ctx) {
        self = (ActorCell<Command>) ctx;
        system = ctx.system();
        handle.attach(self);
        for (ChildSpec child : spec.children()) {
            entries.add(new Entry(child));
        }
        startQueue.addAll(entries);
        startNext();
    }

    @Override
    public void onMessage(Command command, ActorContext<Command> ctx) {
        if (command instanceof Command.StartChild start) {
            addChild(start);
        } else if (command instanceof Command.StopChild stop) {
            removeChild(stop);
        } else if (command instanceof Command.RestartNow now && now.token() == backoffToken
                && state == State.BACKING_OFF) {
            state = State.RESTARTING;
            startNext();
        }
    }

    @Override
    public void postStop(ActorContext<Command> ctx) {
        if (state != State.FAILED) {
            state = State.STOPPED;
        }
        for (Entry entry : entries) {
            cancelRemovalTimer(entry);
        }
        publish();
        if (state != State.FAILED) {
            system.unregisterSupervisor(handle, self); // a failed supervisor stays visible to health checks
        }
    }

    // ---------------------------------------------------------------- starting

    /** Starts or restarts queued children one at a time; the next goes when the previous reports started. */
    private void startNext() {
        while (awaiting == null && state != State.BACKING_OFF && isActive()) {
            Entry entry = startQueue.poll();
            if (entry == null) {
                if (state == State.STARTING || state == State.RESTARTING) {
                    state = State.RUNNING;
                }
                if (!reportedStarted && self.isSupervised()) {
                    reportedStarted = true;
                    self.reportStarted();
                }
                break;
            }
            if (!entries.contains(entry) || entry.removing) {
                continue;
            }
            awaiting = entry;
            if (entry.cell == null || entry.cell.isStopped()) {
                spawn(entry);
            } else {
                entry.restarts++;
                entry.state = State.RESTARTING;
                entry.cell.sendSystem(SystemMessage.RESTART);
                if (system.observed()) {
                    system.publish(new RuntimeEvent.ChildRestarted(self.address(), entry.cell.address(),
                            entry.restarts, Instant.now()));
                }
            }
        }
        // A restart settles within microseconds: publish when it has (the child reported started), not
        // in between; the initial start shows its progress.
        if (awaiting == null || state == State.STARTING) {
            publish();
        }
    }

    private void spawn(Entry entry) {
        boolean restart = entry.cell != null;
        try {
            entry.cell = self.spawnChild(entry.spec.name(), factoryOf(entry.spec), entry.spec.spawnOptions(),
                    entry.spec.isSupervisor());
        } catch (RuntimeException e) {
            awaiting = null;
            failed(entry, e);
            return;
        }
        entry.state = restart ? State.RESTARTING : State.STARTING;
        if (restart) {
            entry.restarts++;
            if (system.observed()) {
                system.publish(new RuntimeEvent.ChildRestarted(self.address(), entry.cell.address(), entry.restarts,
                        Instant.now()));
            }
        }
    }

    private Supplier<? extends Actor<?>> factoryOf(ChildSpec child) {
        if (!child.isSupervisor()) {
            return child.factory();
        }
        SupervisorSpec nested = child.supervisorSpec();
        Supervisor nestedHandle = system.registerSupervisor(nested, self.path() + "/" + nested.name());
        return () -> new SupervisorActor(nested, nestedHandle);
    }

    @Override
    public void childStarted(ActorCell<?> child) {
        Entry entry = find(child);
        if (entry == null || !isActive()) {
            return;
        }
        entry.state = State.RUNNING;
        if (system.observed()) {
            system.publish(new RuntimeEvent.ChildStarted(self.address(), child.address(), Instant.now()));
        }
        if (awaiting == entry) {
            awaiting = null;
        }
        startNext(); // publishes the snapshot before the caller of startChild hears back
        if (entry.startReply != null) {
            entry.startReply.tell(child);
            entry.startReply = null;
        }
    }

    // ---------------------------------------------------------------- failures

    @Override
    public void childFailed(ActorCell<?> child, Throwable cause) {
        Entry entry = find(child);
        if (entry != null && isActive() && !entry.removing) {
            failed(entry, cause);
        }
    }

    @Override
    public void childTerminated(ActorCell<?> child, Throwable failure) {
        boolean failed = failure != null;
        Entry entry = find(child);
        if (!isActive()) {
            if (entry != null) {
                entries.remove(entry);
                entry.state = State.STOPPED;
                stopped(child, false);
            }
            if (stopping != null && stopping.cell == child) {
                cancelStopTimer();
                stopNext();
            }
            return;
        }
        if (entry == null) {
            return;
        }
        if (awaiting == entry) {
            awaiting = null;
        }
        RestartType type = entry.spec.restartType();
        boolean restart = !entry.removing
                && (type == RestartType.PERMANENT || (type == RestartType.TRANSIENT && failed));
        if (restart) {
            failed(entry, failed ? failure : new IllegalStateException("permanent child stopped"));
            return;
        }
        cancelRemovalTimer(entry);
        entries.remove(entry);
        entry.state = State.STOPPED;
        stopped(child, false);
        startNext(); // publishes the snapshot before the callers hear back
        replyRemoved(entry);
    }

    private void replyRemoved(Entry entry) {
        if (entry.removeReply != null) {
            entry.removeReply.tell(entry.spec.name());
            entry.removeReply = null;
        }
        if (entry.startReply != null) {
            entry.startReply.tell(new ActorStoppedException("child " + entry.spec.name() + " stopped while starting"));
            entry.startReply = null;
        }
    }

    private void cancelRemovalTimer(Entry entry) {
        if (entry.removalTimer != null) {
            entry.removalTimer.cancel();
            entry.removalTimer = null;
        }
    }

    private void failed(Entry entry, Throwable cause) {
        long now = system.clock().nanoTime();
        lastFailure = new SupervisorSnapshot.Failure(entry.spec.name(), cause.getClass().getName(),
                cause.getMessage() == null ? "" : cause.getMessage(), Instant.now());
        if (system.observed() && entry.cell != null) {
            system.publish(new RuntimeEvent.ChildFailed(self.address(), entry.cell.address(),
                    cause.getClass().getName(), lastFailure.message(), Instant.now()));
        }
        if (awaiting == entry) {
            awaiting = null;
        }
        if (entry.spec.restartType() == RestartType.TEMPORARY) {
            remove(entry);
            startNext();
            return;
        }
        if (!withinIntensity(now)) {
            giveUp(cause);
            return;
        }
        for (Entry affected : affectedBy(entry)) {
            if (affected != entry && affected.spec.restartType() == RestartType.TEMPORARY) {
                remove(affected);
            } else if (!startQueue.contains(affected)) {
                startQueue.add(affected);
                affected.state = State.RESTARTING;
            }
        }
        sortStartQueue();
        Duration delay = backoffDelay(now);
        if (delay.isZero()) {
            state = State.RESTARTING;
            startNext();
            return;
        }
        state = State.BACKING_OFF;
        for (Entry queued : startQueue) {
            queued.state = State.BACKING_OFF;
        }
        backoffToken++;
        self.timers().startSingleTimer("backoff", new Command.RestartNow(backoffToken), delay);
        if (system.observed() && entry.cell != null) {
            system.publish(new RuntimeEvent.BackingOff(self.address(), entry.cell.address(), delay, Instant.now()));
        }
        publish();
    }

    private List<Entry> affectedBy(Entry failed) {
        return switch (spec.strategy()) {
            case ONE_FOR_ONE -> List.of(failed);
            case ONE_FOR_ALL -> List.copyOf(entries);
            case REST_FOR_ONE -> List.copyOf(entries.subList(entries.indexOf(failed), entries.size()));
        };
    }

    private void sortStartQueue() {
        List<Entry> ordered = new ArrayList<>(startQueue);
        ordered.sort(Comparator.comparingInt(entries::indexOf));
        startQueue.clear();
        startQueue.addAll(ordered);
    }

    /** Erlang/OTP intensity: more than {@code maxRestarts} within {@code period} means give up. */
    private boolean withinIntensity(long now) {
        forgetRestartsBefore(now);
        if (restartTimes.size() >= spec.maxRestarts()) {
            return false;
        }
        restartTimes.addLast(now);
        return true;
    }

    /** Drops restarts older than the intensity period; what is left is the current window, oldest first. */
    private void forgetRestartsBefore(long now) {
        long period = spec.period().toNanos();
        while (!restartTimes.isEmpty() && now - restartTimes.peekFirst() >= period) {
            restartTimes.pollFirst();
        }
    }

    private Duration backoffDelay(long now) {
        Backoff backoff = spec.backoff();
        if (backoff == null) {
            return Duration.ZERO;
        }
        if (hasFailed && now - lastFailureNanos >= backoff.resetAfter().toNanos()) {
            consecutiveBackoffs = 0;
        }
        hasFailed = true;
        lastFailureNanos = now;
        return backoff.delay(consecutiveBackoffs++, ThreadLocalRandom.current().nextDouble());
    }

    private void giveUp(Throwable cause) {
        state = State.FAILED;
        boolean root = !self.isSupervised();
        if (system.observed()) {
            system.publish(new RuntimeEvent.SupervisorGaveUp(self.address(), restartTimes.size(), spec.period(), root,
                    Instant.now()));
        }
        publish();
        self.sendSystem(new SystemMessage.GiveUp(new SupervisorGaveUpException("supervisor " + self.path()
                + " exceeded " + spec.maxRestarts() + " restarts in " + spec.period() + "; last failure: " + cause,
                cause)));
    }

    // ---------------------------------------------------------------- dynamic children

    private void addChild(Command.StartChild start) {
        String name = start.spec().name();
        for (Entry entry : entries) {
            if (entry.spec.name().equals(name)) {
                start.replyTo().tell(new DuplicateActorNameException("supervisor " + self.path()
                        + " already has a child named '" + name + "'"));
                return;
            }
        }
        Entry entry = new Entry(start.spec());
        entry.startReply = start.replyTo();
        entries.add(entry);
        startQueue.add(entry);
        if (state == State.RUNNING) {
            state = State.STARTING;
        }
        startNext();
    }

    private void removeChild(Command.StopChild stop) {
        for (Entry entry : entries) {
            if (entry.spec.name().equals(stop.name())) {
                entry.removeReply = stop.replyTo();
                remove(entry);
                startNext();
                return;
            }
        }
        if (stop.replyTo() != null) {
            stop.replyTo().tell(new IllegalArgumentException("supervisor " + self.path() + " has no child named '"
                    + stop.name() + "'"));
        }
    }

    /** Stops a child on purpose; it leaves the entries when it has stopped. */
    private void remove(Entry entry) {
        entry.removing = true;
        startQueue.remove(entry);
        if (awaiting == entry) {
            awaiting = null;
        }
        if (entry.cell == null || entry.cell.isStopped()) {
            entries.remove(entry);
            entry.state = State.STOPPED;
            publish();
            replyRemoved(entry);
            return;
        }
        entry.state = State.STOPPED;
        ActorCell<?> child = entry.cell;
        child.sendSystem(SystemMessage.STOP);
        ShutdownPolicy policy = entry.spec.shutdownPolicy();
        if (policy.isImmediate()) {
            forgetRemoved(entry, false);
        } else {
            entry.removalTimer = system.scheduler().schedule(
                    () -> self.sendSystem(new SystemMessage.ChildStopTimeout(child)), policy.timeout().toNanos());
        }
    }

    /** A removed child is forgotten without waiting any longer for it to stop. */
    private void forgetRemoved(Entry entry, boolean forced) {
        self.detachChild(entry.cell);
        entries.remove(entry);
        stopped(entry.cell, forced);
        publish();
        replyRemoved(entry);
    }

    // ---------------------------------------------------------------- stopping

    @Override
    public boolean stopChildrenInOrder() {
        if (stopOrder == null) {
            if (state != State.FAILED) {
                state = State.STOPPED;
            }
            stopOrder = new ArrayDeque<>();
            Set<ActorCell<?>> covered = new HashSet<>();
            for (int i = entries.size() - 1; i >= 0; i--) {
                Entry entry = entries.get(i);
                if (entry.cell != null) {
                    stopOrder.add(entry);
                    covered.add(entry.cell);
                }
            }
            for (ActorCell<?> stray : List.copyOf(self.childCells())) {
                if (!covered.contains(stray)) {
                    stray.sendSystem(SystemMessage.STOP);
                }
            }
        }
        stopNext();
        publish();
        return self.hasChildren();
    }

    private void stopNext() {
        stopping = null;
        Entry entry;
        while ((entry = stopOrder.poll()) != null) {
            ActorCell<?> child = entry.cell;
            if (child.isStopped() || self.childCell(entry.spec.name()) != child) {
                continue;
            }
            entry.state = State.STOPPED;
            child.sendSystem(SystemMessage.STOP);
            ShutdownPolicy policy = entry.spec.shutdownPolicy();
            if (policy.isImmediate()) {
                self.detachChild(child);
                continue;
            }
            stopping = entry;
            stopTimer = system.scheduler().schedule(
                    () -> self.sendSystem(new SystemMessage.ChildStopTimeout(child)), policy.timeout().toNanos());
            return;
        }
    }

    @Override
    public void childStopTimedOut(ActorCell<?> child) {
        Entry removed = find(child);
        if (removed != null && removed.removing && isActive()) {
            removed.removalTimer = null;
            forgetRemoved(removed, true);
            return;
        }
        if (stopping == null || stopping.cell != child) {
            return;
        }
        self.detachChild(child);
        entries.remove(stopping);
        stopped(child, true);
        stopNext();
        publish();
    }

    private void cancelStopTimer() {
        if (stopTimer != null) {
            stopTimer.cancel();
            stopTimer = null;
        }
    }

    private void stopped(ActorCell<?> child, boolean forced) {
        if (system.observed()) {
            system.publish(new RuntimeEvent.ChildStopped(self.address(), child.address(), forced, Instant.now()));
        }
    }

    // ---------------------------------------------------------------- snapshot

    private boolean isActive() {
        return stopOrder == null && state != State.FAILED;
    }

    private Entry find(ActorCell<?> child) {
        for (Entry entry : entries) {
            if (entry.cell == child) {
                return entry;
            }
        }
        return null;
    }

    private void publish() {
        forgetRestartsBefore(system.clock().nanoTime());
        int inWindow = restartTimes.size();
        SupervisorSnapshot.Child[] children = new SupervisorSnapshot.Child[entries.size()];
        String selfPath = self.path();
        for (int i = 0; i < children.length; i++) {
            Entry entry = entries.get(i);
            if (entry.path == null) {
                entry.path = selfPath + "/" + entry.spec.name();
            }
            children[i] = new SupervisorSnapshot.Child(entry.spec.name(), entry.path, entry.state,
                    entry.spec.restartType(), entry.restarts, entry.spec.isSupervisor());
        }
        handle.update(new SupervisorSnapshot(spec.name(), selfPath, spec.strategy(), state, List.of(children),
                inWindow, spec.maxRestarts(), spec.period(), lastFailure, Instant.now()));
    }
}
