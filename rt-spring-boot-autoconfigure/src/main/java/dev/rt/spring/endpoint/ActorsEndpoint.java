package dev.rt.spring.endpoint;

import dev.rt.ActorNode;
import dev.rt.ActorSystem;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.DeliveryStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code actors} endpoint: the live actor tree with each actor's kind, state, mailbox depth and
 * delivery counters, and every supervisor's snapshot (a supervisor that gave up stays listed). Read-only;
 * it never shows message contents. {@code /actuator/actors} returns the whole system,
 * {@code /actuator/actors/user/shop/orders} one actor and its subtree (404 if none lives there).
 * Children lists are cut at {@value #MAX_CHILDREN} per actor, with the number left out.
 */
@Endpoint(id = "actors", defaultAccess = Access.READ_ONLY)
public final class ActorsEndpoint {

    /** Most children listed per actor. */
    public static final int MAX_CHILDREN = 1000;

    private final ActorSystem system;

    /**
     * @param system the system to describe
     */
    public ActorsEndpoint(ActorSystem system) {
        this.system = Objects.requireNonNull(system, "system");
    }

    /** @return the whole system */
    @ReadOperation
    public SystemDescriptor actors() {
        ActorNode root = system.tree();
        List<SupervisorDescriptor> supervisors = new ArrayList<>();
        for (Supervisor supervisor : system.supervisors()) {
            supervisors.add(SupervisorDescriptor.of(supervisor.snapshot()));
        }
        Map<String, Long> deadLetters = new LinkedHashMap<>();
        system.deadLetters().counts().forEach((reason, count) -> deadLetters.put(tag(reason), count));
        return new SystemDescriptor(system.name(), system.state().name(), system.failure(), root.size() - 1,
                deadLetters, supervisors, describe(root));
    }

    /**
     * @param path the actor's path segments, such as {@code user, shop, orders}
     * @return the actor and its subtree, or {@code null} (404) if no actor or supervisor lives there
     */
    @ReadOperation
    public ActorDescriptor actor(@Selector(match = Selector.Match.ALL_REMAINING) String[] path) {
        String actorPath = "/" + String.join("/", path);
        ActorNode node = find(system.tree(), actorPath);
        Optional<Supervisor> supervisor = system.supervisor(actorPath);
        if (node == null) {
            return supervisor.map(s -> gone(s.snapshot())).orElse(null);
        }
        return describe(node);
    }

    private static ActorNode find(ActorNode root, String path) {
        ActorNode at = root;
        while (!at.path().equals(path)) {
            ActorNode next = null;
            for (ActorNode child : at.children()) {
                if (path.equals(child.path()) || path.startsWith(child.path() + "/")) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            at = next;
        }
        return at;
    }

    private ActorDescriptor describe(ActorNode node) {
        SupervisorDescriptor supervisor = node.supervisor()
                ? system.supervisor(node.path()).map(s -> SupervisorDescriptor.of(s.snapshot())).orElse(null) : null;
        List<ActorDescriptor> children = new ArrayList<>();
        for (ActorNode child : node.children()) {
            if (children.size() == MAX_CHILDREN) {
                break;
            }
            children.add(describe(child));
        }
        DeliveryStats stats = node.stats();
        return new ActorDescriptor(node.path(), node.name(), node.supervisor() ? "supervisor" : "actor",
                supervisor != null ? supervisor.state() : node.state().name(), stats.mailboxDepth(),
                Counters.of(stats), supervisor, children, node.children().size() - children.size());
    }

    private static ActorDescriptor gone(SupervisorSnapshot snapshot) {
        return new ActorDescriptor(snapshot.path(), snapshot.name(), "supervisor", snapshot.state().name(), 0,
                Counters.of(DeliveryStats.EMPTY), SupervisorDescriptor.of(snapshot), List.of(), 0);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The whole system.
     *
     * @param name the system's name
     * @param state its lifecycle state
     * @param failure why it failed, or {@code null}
     * @param actors how many actors live under {@code /user}
     * @param deadLetters dead letters so far by reason
     * @param supervisors every supervisor, nested ones included
     * @param tree the live tree from {@code /user}
     */
    public record SystemDescriptor(String name, String state, String failure, int actors,
                                   Map<String, Long> deadLetters, List<SupervisorDescriptor> supervisors,
                                   ActorDescriptor tree) {
    }

    /**
     * One actor.
     *
     * @param path its path
     * @param name its name
     * @param kind {@code actor} or {@code supervisor}
     * @param state its state (a supervisor's from its snapshot)
     * @param mailboxDepth messages waiting
     * @param counters its delivery counters
     * @param supervisor its snapshot if it is a supervisor, else {@code null}
     * @param children its children, sorted by name, at most {@value #MAX_CHILDREN}
     * @param childrenOmitted children left out of the list
     */
    public record ActorDescriptor(String path, String name, String kind, String state, long mailboxDepth,
                                  Counters counters, SupervisorDescriptor supervisor, List<ActorDescriptor> children,
                                  int childrenOmitted) {
    }

    /**
     * Delivery counters of one actor.
     *
     * @param sent messages that reached the mailbox
     * @param delivered messages handled normally
     * @param failed messages whose handler threw
     * @param deadLettered messages not handled
     * @param dropped messages refused or evicted by a full mailbox
     * @param redelivered redelivery attempts
     * @param highWaterMark largest mailbox depth seen
     */
    public record Counters(long sent, long delivered, long failed, long deadLettered, long dropped, long redelivered,
                           long highWaterMark) {

        static Counters of(DeliveryStats stats) {
            return new Counters(stats.sent(), stats.delivered(), stats.failed(), stats.deadLettered(),
                    stats.dropped(), stats.redelivered(), stats.highWaterMark());
        }
    }

    /**
     * A supervisor's snapshot.
     *
     * @param path its path
     * @param name its name
     * @param strategy its strategy
     * @param state its state
     * @param restartsInWindow restarts in the current window
     * @param maxRestarts restarts allowed in the window
     * @param period the window, ISO-8601
     * @param lastFailure its children's last failure, or {@code null}
     * @param children its children in start order
     */
    public record SupervisorDescriptor(String path, String name, String strategy, String state, int restartsInWindow,
                                       int maxRestarts, String period, FailureDescriptor lastFailure,
                                       List<ChildDescriptor> children) {

        static SupervisorDescriptor of(SupervisorSnapshot snapshot) {
            List<ChildDescriptor> children = new ArrayList<>();
            for (SupervisorSnapshot.Child child : snapshot.children()) {
                children.add(new ChildDescriptor(child.name(), child.path(), child.supervisor() ? "supervisor" : "actor",
                        child.state().name(), child.restartType().name(), child.restarts()));
            }
            SupervisorSnapshot.Failure failure = snapshot.lastFailure();
            return new SupervisorDescriptor(snapshot.path(), snapshot.name(), snapshot.strategy().name(),
                    snapshot.state().name(), snapshot.restartsInWindow(), snapshot.maxRestarts(),
                    snapshot.period().toString(), failure == null ? null : new FailureDescriptor(failure.child(),
                    failure.type(), failure.message(), failure.time().toString()), children);
        }
    }

    /**
     * A supervisor's child.
     *
     * @param name its name
     * @param path its path
     * @param kind {@code actor} or {@code supervisor}
     * @param state its state
     * @param restartType its restart type
     * @param restarts how often it was restarted
     */
    public record ChildDescriptor(String name, String path, String kind, String state, String restartType,
                                  int restarts) {
    }

    /**
     * A child failure.
     *
     * @param child the child's name
     * @param type the exception class
     * @param message the exception message
     * @param time when, ISO-8601
     */
    public record FailureDescriptor(String child, String type, String message, String time) {
    }
}
