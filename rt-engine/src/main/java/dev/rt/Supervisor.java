package dev.rt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A running supervisor, returned by {@link ActorSystem#supervise(SupervisorSpec)}: its snapshot, its
 * children, and dynamic children ({@link #startChild}, {@link #stopChild}).
 */
public final class Supervisor {

    private final ActorSystem system;
    private final SupervisorSpec spec;
    private final String path;
    private final CompletableFuture<Supervisor> started = new CompletableFuture<>();
    private volatile SupervisorSnapshot snapshot;
    private volatile ActorCell<SupervisorActor.Command> cell;

    Supervisor(ActorSystem system, SupervisorSpec spec, String path) {
        this.system = system;
        this.spec = spec;
        this.path = path;
        this.snapshot = new SupervisorSnapshot(spec.name(), path, spec.strategy(), SupervisorSnapshot.State.STARTING,
                List.of(), 0, spec.maxRestarts(), spec.period(), null, Instant.now());
    }

    /** @return the supervisor's name */
    public String name() {
        return spec.name();
    }

    /** @return its actor path */
    public String path() {
        return path;
    }

    /** @return the spec it was started from */
    public SupervisorSpec spec() {
        return spec;
    }

    /** @return its state now; a volatile read, cheap enough for every health check */
    public SupervisorSnapshot snapshot() {
        return snapshot;
    }

    /** @return completes when every initial child has started (fails if the supervisor gave up first) */
    public CompletableFuture<Supervisor> whenStarted() {
        return started.copy();
    }

    /**
     * @param name a child's name
     * @param <M> its message type (not checked)
     * @return the live child of that name
     */
    @SuppressWarnings("unchecked")
    public <M> Optional<ActorRef<M>> child(String name) {
        ActorCell<?> current = cell;
        ActorCell<?> child = current == null ? null : current.childCell(name);
        return child == null || child.isStopped() ? Optional.empty() : Optional.of((ActorRef<M>) child);
    }

    /**
     * Adds a child at run time, after the existing ones (like {@code supervisor:start_child}).
     *
     * @param child the child to add
     * @return completes with the child's ref once it started; fails with
     *         {@link DuplicateActorNameException} if the name is taken
     */
    public CompletableFuture<ActorRef<?>> startChild(ChildSpec child) {
        Objects.requireNonNull(child, "child");
        return request(replyTo -> new SupervisorActor.Command.StartChild(child, replyTo))
                .thenApply(ref -> (ActorRef<?>) ref);
    }

    /**
     * Stops a child on purpose and removes it; it is not restarted whatever its restart type.
     *
     * @param name the child's name
     * @return completes when it has stopped; fails with {@link IllegalArgumentException} if unknown
     */
    public CompletableFuture<Void> stopChild(String name) {
        Objects.requireNonNull(name, "name");
        return request(replyTo -> new SupervisorActor.Command.StopChild(name, replyTo)).thenApply(ignored -> null);
    }

    /** Stops the supervisor: its children first, in reverse start order. */
    public void stop() {
        ActorCell<?> current = cell;
        if (current != null) {
            system.stop(current);
        }
    }

    /** @return the supervisors nested directly under this one */
    public List<Supervisor> nested() {
        List<Supervisor> out = new ArrayList<>();
        for (Supervisor candidate : system.supervisors()) {
            String parent = candidate.path.substring(0, candidate.path.lastIndexOf('/'));
            if (parent.equals(path)) {
                out.add(candidate);
            }
        }
        return out;
    }

    private CompletableFuture<Object> request(
            java.util.function.Function<ActorRef<Object>, SupervisorActor.Command> command) {
        ActorCell<SupervisorActor.Command> current = cell;
        if (current == null || current.isStopped()) {
            return CompletableFuture.failedFuture(new ActorStoppedException("supervisor " + path + " is not running"));
        }
        return current.<Object>ask(command::apply, Duration.ofSeconds(30)).thenCompose(reply ->
                reply instanceof Throwable error ? CompletableFuture.failedFuture(error)
                        : CompletableFuture.completedFuture(reply));
    }

    void attach(ActorCell<SupervisorActor.Command> supervisorCell) {
        this.cell = supervisorCell;
    }

    ActorCell<SupervisorActor.Command> cell() {
        return cell;
    }

    void update(SupervisorSnapshot next) {
        this.snapshot = next;
        if (next.state() == SupervisorSnapshot.State.RUNNING) {
            started.complete(this);
        } else if (next.state() == SupervisorSnapshot.State.FAILED && !started.isDone()) {
            started.completeExceptionally(new ActorStoppedException("supervisor " + path
                    + " gave up before all its children started"));
        } else if (next.state() == SupervisorSnapshot.State.STOPPED && !started.isDone()) {
            started.completeExceptionally(new ActorStoppedException("supervisor " + path
                    + " stopped before all its children started"));
        }
    }

    @Override
    public String toString() {
        return "Supervisor[" + path + ", " + snapshot.state() + "]";
    }
}
