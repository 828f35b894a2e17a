package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.WAIT;
import static dev.rt.tests.SupervisionTestKit.child;
import static dev.rt.tests.SupervisionTestKit.childNames;
import static dev.rt.tests.SupervisionTestKit.childOf;
import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.ping;
import static dev.rt.tests.SupervisionTestKit.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.ActorRef;
import dev.rt.ActorStoppedException;
import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.DuplicateActorNameException;
import dev.rt.OfferResult;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import dev.rt.SupervisorSnapshot.State;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.SupervisionTestKit.Recorder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Children added and removed at run time with {@link Supervisor#startChild} and {@link Supervisor#stopChild}. */
@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionDynamicChildrenTest {

    private final Recorder recorder = new Recorder();

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Supervisor supervise(ActorSystem system) throws Exception {
        return started(system.supervise(SupervisorSpec.builder("sup").child(recorder.child("a")).build()));
    }

    @Test
    void startChildAddsAWorkingChildAfterTheExistingOnes(ActorSystem system) throws Exception {
        Supervisor sup = supervise(system);

        ActorRef<?> added = get(sup.startChild(recorder.child("dyn")));

        assertThat(added.address().path()).isEqualTo("/user/sup/dyn");
        @SuppressWarnings("unchecked")
        ActorRef<Object> dyn = (ActorRef<Object>) added;
        assertThat(ping(dyn)).isEqualTo("dyn#1");
        assertThat(child(sup, "dyn")).isSameAs(dyn);
        assertThat(system.<Object>lookup("/user/sup/dyn")).containsSame(dyn);
        eventually().until(() -> sup.snapshot().state() == State.RUNNING
                && childNames(sup.snapshot()).equals(List.of("a", "dyn"))
                && childOf(sup.snapshot(), "dyn").state() == State.RUNNING);

        // supervised like the others
        dyn.tell("boom");
        eventually().until(() -> recorder.created("dyn") == 2 && sup.snapshot().state() == State.RUNNING);
        assertThat(ping(dyn)).isEqualTo("dyn#2");
        assertThat(recorder.created("a")).isEqualTo(1);

        // and stopped first, being last in start order
        sup.stop();
        eventually().until(() -> recorder.entries("stop ").size() == 3);
        assertThat(recorder.entries("stop ")).containsExactly("stop dyn#1", "stop dyn#2", "stop a#1");
    }

    @Test
    void aDuplicateNameFails(ActorSystem system) throws Exception {
        Supervisor sup = supervise(system);
        get(sup.startChild(recorder.child("dyn")));

        assertThatThrownBy(() -> get(sup.startChild(ChildSpec.actor("a", recorder.probe("a2")))))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DuplicateActorNameException.class);
        assertThatThrownBy(() -> get(sup.startChild(ChildSpec.actor("dyn", recorder.probe("dyn2")))))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DuplicateActorNameException.class);

        assertThat(recorder.created("a2")).isZero();
        assertThat(recorder.created("dyn2")).isZero();
        assertThat(childNames(sup.snapshot())).containsExactly("a", "dyn");
        assertThat(ping(child(sup, "a"))).isEqualTo("a#1");
    }

    @Test
    void stopChildRemovesAPermanentChildWithoutRestart(ActorSystem system) throws Exception {
        Supervisor sup = supervise(system);
        get(sup.startChild(recorder.child("dyn")));
        ActorRef<Object> a = child(sup, "a");

        get(sup.stopChild("a"));

        assertThat(recorder.log).contains("stop a#1");
        assertThat(sup.child("a")).isEmpty();
        assertThat(system.lookup("/user/sup/a")).isEmpty();
        eventually().until(() -> childNames(sup.snapshot()).equals(List.of("dyn")));
        assertThat(sup.snapshot().restartsInWindow()).isZero();
        assertThat(sup.snapshot().state()).isEqualTo(State.RUNNING);
        // nothing comes back later either: the supervisor is still answering, and a is gone
        get(sup.stopChild("dyn"));
        eventually().until(() -> sup.snapshot().children().isEmpty());
        assertThat(recorder.created("a")).isEqualTo(1);
        assertThat(recorder.created("dyn")).isEqualTo(1);
        assertThat(a.offer("hello")).isEqualTo(OfferResult.DEAD);

        // the name can be used again
        ActorRef<?> again = get(sup.startChild(recorder.child("a")));
        @SuppressWarnings("unchecked")
        ActorRef<Object> newA = (ActorRef<Object>) again;
        assertThat(ping(newA)).isEqualTo("a#2");
        eventually().until(() -> childNames(sup.snapshot()).equals(List.of("a")));
    }

    @Test
    void stopChildOfAnUnknownNameFails(ActorSystem system) throws Exception {
        Supervisor sup = supervise(system);

        assertThatThrownBy(() -> get(sup.stopChild("nobody")))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(childNames(sup.snapshot())).containsExactly("a");
    }

    @Test
    void aStoppedSupervisorRefusesDynamicChildren(ActorSystem system) throws Exception {
        Supervisor sup = supervise(system);
        sup.stop();
        eventually().until(() -> system.lookup("/user/sup").isEmpty());

        assertThatThrownBy(() -> get(sup.startChild(recorder.child("late"))))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ActorStoppedException.class);
        assertThatThrownBy(() -> get(sup.stopChild("a")))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ActorStoppedException.class);
        assertThat(recorder.created("late")).isZero();
    }

    @Test
    void aNestedSupervisorCanBeAddedAndRemovedWithItsSubtree(ActorSystem system) throws Exception {
        Supervisor sup = supervise(system);

        ActorRef<?> pool = get(sup.startChild(ChildSpec.supervisor(SupervisorSpec.builder("pool")
                .child(recorder.child("p1"))
                .child(recorder.child("p2"))
                .build())));

        assertThat(pool.address().path()).isEqualTo("/user/sup/pool");
        eventually().until(() -> system.lookup("/user/sup/pool/p2").isPresent());
        assertThat(system.supervisors()).extracting(Supervisor::path).containsExactly("/user/sup", "/user/sup/pool");
        assertThat(childOf(sup.snapshot(), "pool").supervisor()).isTrue();
        assertThat(ping(system.<Object>lookup("/user/sup/pool/p1").orElseThrow())).isEqualTo("p1#1");

        get(sup.stopChild("pool"));

        assertThat(recorder.entries("stop ")).containsExactly("stop p2#1", "stop p1#1");
        assertThat(system.lookup("/user/sup/pool")).isEmpty();
        assertThat(system.supervisors()).extracting(Supervisor::path).containsExactly("/user/sup");
        eventually().until(() -> childNames(sup.snapshot()).equals(List.of("a")));
        assertThat(recorder.created("p1") + recorder.created("p2")).isEqualTo(2);
    }

    /**
     * When the future of {@code startChild} or {@code stopChild} completes, the snapshot already shows the
     * result (the child RUNNING, or gone), so {@code stopChild(x).join(); snapshot()} is consistent.
     * Repeated because a stale snapshot shows only when the caller wins the race against the supervisor.
     */
    @Test
    void theSnapshotIsUpToDateWhenStartChildAndStopChildComplete(ActorSystem system) throws Exception {
        Supervisor sup = supervise(system);
        for (int i = 0; i < 20; i++) {
            String name = "d" + i;
            get(sup.startChild(recorder.child(name)));
            SupervisorSnapshot afterStart = sup.snapshot();
            assertThat(afterStart.children())
                    .as("snapshot right after startChild(%s) completed (iteration %d)", name, i)
                    .extracting(c -> c.name() + ":" + c.state())
                    .containsExactly("a:RUNNING", name + ":RUNNING");

            get(sup.stopChild(name));
            SupervisorSnapshot afterStop = sup.snapshot();
            assertThat(childNames(afterStop))
                    .as("snapshot right after stopChild(%s) completed (iteration %d)", name, i)
                    .containsExactly("a");
        }
    }
}
