package dev.rt.spring.health;

import dev.rt.ActorSystem;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of one supervisor, read from its snapshot (a field read, no message to the supervisor):
 * {@code UP} while it runs or restarts children within its intensity, {@code DOWN} once it gave up or
 * while a supervisor nested under it has given up and is not yet restarted (its parent may be backing
 * off), {@code OUT_OF_SERVICE} while it stops. Details: strategy, state, children and their states, restarts
 * in the window, the last failure, and its nested supervisors with their own status and details.
 */
public final class SupervisorHealthIndicator implements HealthIndicator {

    private final ActorSystem system;
    private final String path;

    /**
     * @param system the system
     * @param path the supervisor's path, such as {@code /user/shop}
     */
    public SupervisorHealthIndicator(ActorSystem system, String path) {
        this.system = Objects.requireNonNull(system, "system");
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public Health health() {
        Optional<Supervisor> supervisor = system.supervisor(path);
        if (supervisor.isEmpty()) {
            return Health.outOfService().withDetail("state", SupervisorSnapshot.State.STOPPED.name()).build();
        }
        return describe(supervisor.get());
    }

    private static Health describe(Supervisor supervisor) {
        SupervisorSnapshot snapshot = supervisor.snapshot();
        Health.Builder health = Health.status(status(snapshot.state()))
                .withDetail("strategy", snapshot.strategy().name())
                .withDetail("state", snapshot.state().name())
                .withDetail("restartsInWindow", snapshot.restartsInWindow())
                .withDetail("maxRestarts", snapshot.maxRestarts())
                .withDetail("period", snapshot.period().toString());
        Map<String, Object> children = new LinkedHashMap<>();
        for (SupervisorSnapshot.Child child : snapshot.children()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", child.state().name());
            detail.put("kind", child.supervisor() ? "supervisor" : "actor");
            detail.put("restartType", child.restartType().name());
            detail.put("restarts", child.restarts());
            children.put(child.name(), detail);
        }
        health.withDetail("children", children);
        SupervisorSnapshot.Failure failure = snapshot.lastFailure();
        if (failure != null) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("child", failure.child());
            last.put("type", failure.type());
            last.put("message", failure.message());
            last.put("time", failure.time().toString());
            health.withDetail("lastFailure", last);
        }
        Map<String, Object> nested = new LinkedHashMap<>();
        for (Supervisor child : supervisor.nested()) {
            Health childHealth = describe(child);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", childHealth.getStatus().getCode());
            detail.putAll(childHealth.getDetails());
            nested.put(child.name(), detail);
            // A nested supervisor that gave up stays DOWN until its parent has restarted it (after the
            // parent's backoff, if any): the part of the tree it runs does no work meanwhile.
            if (Status.DOWN.equals(childHealth.getStatus())) {
                health.status(Status.DOWN);
            }
        }
        if (!nested.isEmpty()) {
            health.withDetail("supervisors", nested);
        }
        return health.build();
    }

    /**
     * @param state a supervisor's state
     * @return its health status
     */
    public static Status status(SupervisorSnapshot.State state) {
        return switch (state) {
            case FAILED -> Status.DOWN;
            case STOPPED -> Status.OUT_OF_SERVICE;
            default -> Status.UP;
        };
    }
}
