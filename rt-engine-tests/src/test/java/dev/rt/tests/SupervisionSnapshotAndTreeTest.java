package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.child;
import static dev.rt.tests.SupervisionTestKit.childOf;
import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.ping;
import static dev.rt.tests.SupervisionTestKit.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorNode;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.RestartType;
import dev.rt.SupervisionStrategy;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import dev.rt.SupervisorSnapshot.State;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.SupervisionTestKit.Recorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What health checks and the tree endpoint see: snapshots, the supervisor registry, the actor tree. */
@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionSnapshotAndTreeTest {

    private final Recorder recorder = new Recorder();

    private SupervisorSpec app() {
        return SupervisorSpec.builder("app")
                .strategy(SupervisionStrategy.REST_FOR_ONE)
                .intensity(5, Duration.ofSeconds(30))
                .child(recorder.child("db"))
                .child(ChildSpec.supervisor(SupervisorSpec.builder("workers")
                        .strategy(SupervisionStrategy.ONE_FOR_ALL)
                        .child(recorder.child("w1"))
                        .child(recorder.child("w2").restart(RestartType.TRANSIENT))
                        .build()))
                .child(recorder.child("cache").restart(RestartType.TEMPORARY))
                .build();
    }

    private Supervisor startApp(ActorSystem system) throws Exception {
        Supervisor app = started(system.supervise(app()));
        // the whole tree, grandchildren included
        eventually().until(() -> recorder.entries("start ").size() == 4
                && system.supervisor("/user/app/workers").map(w -> w.snapshot().state() == State.RUNNING).orElse(false));
        return app;
    }

    @Test
    void snapshotDescribesTheSupervisorAndItsChildren(ActorSystem system) throws Exception {
        Instant before = Instant.now();
        Supervisor app = startApp(system);

        SupervisorSnapshot snapshot = app.snapshot();
        assertThat(snapshot.name()).isEqualTo("app");
        assertThat(snapshot.path()).isEqualTo("/user/app");
        assertThat(snapshot.strategy()).isEqualTo(SupervisionStrategy.REST_FOR_ONE);
        assertThat(snapshot.state()).isEqualTo(State.RUNNING);
        assertThat(snapshot.isHealthy()).isTrue();
        assertThat(snapshot.maxRestarts()).isEqualTo(5);
        assertThat(snapshot.period()).isEqualTo(Duration.ofSeconds(30));
        assertThat(snapshot.restartsInWindow()).isZero();
        assertThat(snapshot.lastFailure()).isNull();
        assertThat(snapshot.takenAt()).isAfterOrEqualTo(before);
        assertThat(snapshot.children()).containsExactly(
                new SupervisorSnapshot.Child("db", "/user/app/db", State.RUNNING, RestartType.PERMANENT, 0, false),
                new SupervisorSnapshot.Child("workers", "/user/app/workers", State.RUNNING, RestartType.PERMANENT,
                        0, true),
                new SupervisorSnapshot.Child("cache", "/user/app/cache", State.RUNNING, RestartType.TEMPORARY,
                        0, false));
        assertThat(app.name()).isEqualTo("app");
        assertThat(app.path()).isEqualTo("/user/app");

        SupervisorSnapshot workers = system.supervisor("/user/app/workers").orElseThrow().snapshot();
        assertThat(workers.strategy()).isEqualTo(SupervisionStrategy.ONE_FOR_ALL);
        assertThat(workers.maxRestarts()).isEqualTo(SupervisorSpec.DEFAULT_MAX_RESTARTS);
        assertThat(workers.children()).extracting(SupervisorSnapshot.Child::path)
                .containsExactly("/user/app/workers/w1", "/user/app/workers/w2");
        assertThat(childOf(workers, "w2").restartType()).isEqualTo(RestartType.TRANSIENT);
    }

    @Test
    void lastFailureNamesTheChildTheExceptionAndItsMessage(ActorSystem system) throws Exception {
        Supervisor app = startApp(system);
        Instant before = Instant.now();

        child(app, "db").tell("boom");

        // REST_FOR_ONE: db, workers (with fresh w1 and w2), cache is temporary and is removed
        eventually().until(() -> recorder.created("w2") == 2 && app.snapshot().state() == State.RUNNING
                && app.snapshot().children().size() == 2);
        SupervisorSnapshot snapshot = app.snapshot();
        SupervisorSnapshot.Failure failure = snapshot.lastFailure();
        assertThat(failure.child()).isEqualTo("db");
        assertThat(failure.type()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failure.message()).isEqualTo("boom in db#1");
        assertThat(failure.time()).isAfterOrEqualTo(before);
        assertThat(snapshot.restartsInWindow()).isEqualTo(1);
        assertThat(snapshot.children()).extracting(c -> c.name() + ":" + c.restarts() + ":" + c.state())
                .containsExactly("db:1:RUNNING", "workers:1:RUNNING");
        assertThat(recorder.created("cache")).isEqualTo(1);
        assertThat(ping(child(app, "db"))).isEqualTo("db#2");
    }

    @Test
    void registryListsNestedSupervisors(ActorSystem system) throws Exception {
        Supervisor app = startApp(system);
        Supervisor other = started(system.supervise(SupervisorSpec.builder("other").build()));

        assertThat(system.supervisors()).extracting(Supervisor::path)
                .containsExactly("/user/app", "/user/app/workers", "/user/other");
        assertThat(system.supervisor("/user/app")).containsSame(app);
        assertThat(system.supervisor("/user/other")).containsSame(other);
        assertThat(system.supervisor("/user/app/db")).isEmpty();
        assertThat(system.supervisor("/user/nope")).isEmpty();
        assertThat(app.nested()).extracting(Supervisor::path).containsExactly("/user/app/workers");
        assertThat(other.nested()).isEmpty();
        Supervisor workers = system.supervisor("/user/app/workers").orElseThrow();
        assertThat(workers.name()).isEqualTo("workers");
        assertThat(workers.spec().strategy()).isEqualTo(SupervisionStrategy.ONE_FOR_ALL);
        assertThat(ping(child(workers, "w1"))).isEqualTo("w1#1");

        app.stop();
        eventually().until(() -> system.supervisors().size() == 1);
        assertThat(system.supervisors()).containsExactly(other);
    }

    @Test
    void treeMarksSupervisorsAndShowsTheirChildren(ActorSystem system) throws Exception {
        startApp(system);
        system.spawn("plain", recorder.probe("plain"));

        ActorNode root = system.tree();
        assertThat(root.path()).isEqualTo("/user");
        assertThat(root.children()).extracting(ActorNode::name).containsExactly("app", "plain");
        ActorNode app = root.children().get(0);
        assertThat(app.supervisor()).isTrue();
        assertThat(app.path()).isEqualTo("/user/app");
        assertThat(root.children().get(1).supervisor()).isFalse();
        assertThat(app.children()).extracting(n -> n.name() + (n.supervisor() ? " (supervisor)" : ""))
                .containsExactly("cache", "db", "workers (supervisor)");
        ActorNode workers = app.children().get(2);
        assertThat(workers.children()).extracting(ActorNode::path)
                .containsExactly("/user/app/workers/w1", "/user/app/workers/w2");
        assertThat(workers.children()).noneMatch(ActorNode::supervisor);
        assertThat(root.size()).isEqualTo(1 + 1 + 1 + 3 + 2);
    }

    @Test
    void lookupFindsActorsAnywhereInTheTree(ActorSystem system) throws Exception {
        Supervisor app = startApp(system);

        ActorRef<Object> w1 = system.<Object>lookup("/user/app/workers/w1").orElseThrow();
        assertThat(ping(w1)).isEqualTo("w1#1");
        assertThat(w1.address().path()).isEqualTo("/user/app/workers/w1");
        assertThat(w1.address().system()).isEqualTo(system.name());
        assertThat(system.lookup("/user/app/workers")).isPresent();
        assertThat(system.lookup("/user/app/workers/nope")).isEmpty();
        assertThat(system.lookup("/user/app/db/w1")).isEmpty();

        // restarted in place: same ref at the same path
        w1.tell("boom");
        eventually().until(() -> recorder.created("w1") == 2 && recorder.created("w2") == 2
                && system.supervisor("/user/app/workers").orElseThrow().snapshot().state() == State.RUNNING);
        assertThat(system.<Object>lookup("/user/app/workers/w1")).containsSame(w1);
        assertThat(ping(w1)).isEqualTo("w1#2");
        assertThat(app.snapshot().restartsInWindow()).isZero(); // handled one level down
        assertThat(List.of(recorder.created("db"), recorder.created("cache"))).containsExactly(1, 1);
    }
}
