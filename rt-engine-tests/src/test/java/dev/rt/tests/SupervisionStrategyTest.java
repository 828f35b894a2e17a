package dev.rt.tests;

import static dev.rt.tests.SupervisionTestKit.child;
import static dev.rt.tests.SupervisionTestKit.childNames;
import static dev.rt.tests.SupervisionTestKit.childOf;
import static dev.rt.tests.SupervisionTestKit.eventually;
import static dev.rt.tests.SupervisionTestKit.ping;
import static dev.rt.tests.SupervisionTestKit.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.RestartType;
import dev.rt.SupervisionStrategy;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import dev.rt.SupervisorSnapshot.State;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.SupervisionTestKit.Recorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which children a failure (or a normal stop) of the middle child {@code b} of {@code a, b, c} restarts,
 * for every strategy and restart type.
 */
@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionStrategyTest {

    private static final List<String> NAMES = List.of("a", "b", "c");

    static Stream<Arguments> strategiesAndRestartTypes() {
        List<Arguments> out = new ArrayList<>();
        for (SupervisionStrategy strategy : SupervisionStrategy.values()) {
            for (RestartType type : RestartType.values()) {
                out.add(Arguments.of(strategy, type));
            }
        }
        return out.stream();
    }

    /** The children restarted, in start order, when {@code b} fails (or stops when {@code failure} is false). */
    private static List<String> restartedWhenBEnds(SupervisionStrategy strategy, RestartType type, boolean failure) {
        boolean restartsB = type == RestartType.PERMANENT || (type == RestartType.TRANSIENT && failure);
        if (!restartsB) {
            return List.of();
        }
        return switch (strategy) {
            case ONE_FOR_ONE -> List.of("b");
            case ONE_FOR_ALL -> List.of("a", "b", "c");
            case REST_FOR_ONE -> List.of("b", "c");
        };
    }

    private static SupervisorSpec spec(Recorder recorder, SupervisionStrategy strategy, RestartType type) {
        SupervisorSpec.Builder builder = SupervisorSpec.builder("sup").strategy(strategy);
        for (String name : NAMES) {
            builder.child(recorder.child(name).restart(type));
        }
        return builder.build();
    }

    @ParameterizedTest(name = "{0} with {1} children: b fails")
    @MethodSource("strategiesAndRestartTypes")
    void failureOfTheMiddleChild(SupervisionStrategy strategy, RestartType type, ActorTestKit kit) throws Exception {
        Recorder recorder = new Recorder();
        List<String> restarted = restartedWhenBEnds(strategy, type, true);
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(spec(recorder, strategy, type)));
        Map<String, ActorRef<Object>> before = Map.of("a", child(sup, "a"), "b", child(sup, "b"),
                "c", child(sup, "c"));
        assertThat(recorder.entries("start ")).containsExactly("start a#1", "start b#1", "start c#1");

        before.get("b").tell("boom");

        if (type == RestartType.TEMPORARY) {
            eventually().until(() -> sup.child("b").isEmpty() && childNames(sup.snapshot()).equals(List.of("a", "c")));
            assertThat(system.lookup("/user/sup/b")).isEmpty();
            assertThat(recorder.entries("stop ")).containsExactly("stop b#1");
            assertThat(sup.snapshot().restartsInWindow()).isZero();
        } else {
            String last = restarted.get(restarted.size() - 1);
            // The snapshot is published once the cycle settles; until then it may still show the old RUNNING.
            eventually().until(() -> recorder.entries("start ").contains("start " + last + "#2")
                    && sup.snapshot().state() == State.RUNNING && sup.snapshot().restartsInWindow() == 1);
            // the same ref, now served by a fresh instance
            assertThat(child(sup, "b")).isSameAs(before.get("b"));
            // restarts go one at a time in start order
            assertThat(recorder.entries("start ").stream().filter(e -> e.endsWith("#2")).toList())
                    .containsExactlyElementsOf(restarted.stream().map(n -> "start " + n + "#2").toList());
        }
        for (String name : NAMES) {
            if (type == RestartType.TEMPORARY && name.equals("b")) {
                assertThat(recorder.created(name)).isEqualTo(1);
                continue;
            }
            int instance = restarted.contains(name) ? 2 : 1;
            assertThat(recorder.created(name)).as("instances of " + name).isEqualTo(instance);
            assertThat(child(sup, name)).as("ref of " + name).isSameAs(before.get(name));
            assertThat(ping(before.get(name))).isEqualTo(name + "#" + instance);
            SupervisorSnapshot.Child snap = childOf(sup.snapshot(), name);
            assertThat(snap.restarts()).as("restarts of " + name).isEqualTo(instance - 1);
            assertThat(snap.state()).isEqualTo(State.RUNNING);
            assertThat(snap.restartType()).isEqualTo(type);
        }
        assertThat(sup.snapshot().state()).isEqualTo(State.RUNNING);
        assertThat(sup.snapshot().lastFailure().child()).isEqualTo("b");
        assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);
    }

    @ParameterizedTest(name = "{0} with {1} children: b stops normally")
    @MethodSource("strategiesAndRestartTypes")
    void normalStopOfTheMiddleChild(SupervisionStrategy strategy, RestartType type, ActorTestKit kit) throws Exception {
        Recorder recorder = new Recorder();
        List<String> restarted = restartedWhenBEnds(strategy, type, false);
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(spec(recorder, strategy, type)));
        ActorRef<Object> a = child(sup, "a");
        ActorRef<Object> b = child(sup, "b");
        ActorRef<Object> c = child(sup, "c");

        b.tell("stop");

        if (type == RestartType.PERMANENT) {
            // respawned as a new actor at the same path; the siblings follow the strategy
            String last = restarted.get(restarted.size() - 1);
            eventually().until(() -> recorder.entries("start ").contains("start " + last + "#2")
                    && sup.snapshot().state() == State.RUNNING && childOf(sup.snapshot(), "b").restarts() == 1);
            ActorRef<Object> newB = child(sup, "b");
            assertThat(newB).isNotSameAs(b);
            assertThat(newB.address().path()).isEqualTo("/user/sup/b");
            assertThat(newB.address().uid()).isNotEqualTo(b.address().uid());
            assertThat(system.<Object>lookup("/user/sup/b")).containsSame(newB);
            assertThat(ping(newB)).isEqualTo("b#2");
            assertThat(childOf(sup.snapshot(), "b").restarts()).isEqualTo(1);
            assertThat(sup.snapshot().restartsInWindow()).isEqualTo(1);
            assertThat(childNames(sup.snapshot())).containsExactly("a", "b", "c");
        } else {
            // TRANSIENT and TEMPORARY: a normal stop ends it for good, and nobody else is touched
            eventually().until(() -> sup.child("b").isEmpty() && childNames(sup.snapshot()).equals(List.of("a", "c")));
            assertThat(system.lookup("/user/sup/b")).isEmpty();
            assertThat(recorder.created("b")).isEqualTo(1);
            assertThat(sup.snapshot().restartsInWindow()).isZero();
            assertThat(sup.snapshot().lastFailure()).isNull();
        }
        assertThat(ping(a)).isEqualTo(restarted.contains("a") ? "a#2" : "a#1");
        assertThat(ping(c)).isEqualTo(restarted.contains("c") ? "c#2" : "c#1");
        assertThat(recorder.created("a")).isEqualTo(restarted.contains("a") ? 2 : 1);
        assertThat(recorder.created("c")).isEqualTo(restarted.contains("c") ? 2 : 1);
        assertThat(sup.snapshot().state()).isEqualTo(State.RUNNING);
    }

    @Test
    void oneForAllStopsATemporarySiblingInsteadOfRestartingIt(ActorTestKit kit) throws Exception {
        Recorder recorder = new Recorder();
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(SupervisorSpec.builder("sup")
                .strategy(SupervisionStrategy.ONE_FOR_ALL)
                .child(recorder.child("a"))
                .child(recorder.child("b"))
                .child(recorder.child("c").restart(RestartType.TEMPORARY))
                .build()));
        ActorRef<Object> b = child(sup, "b");

        b.tell("boom");

        eventually().until(() -> recorder.created("b") == 2 && sup.snapshot().state() == State.RUNNING
                && childNames(sup.snapshot()).equals(List.of("a", "b")));
        assertThat(recorder.created("a")).isEqualTo(2);
        assertThat(recorder.created("c")).isEqualTo(1);
        assertThat(system.lookup("/user/sup/c")).isEmpty();
        assertThat(ping(b)).isEqualTo("b#2");
    }

    @Test
    void restForOneAfterTheFirstChildRestartsEveryChildInStartOrder(ActorTestKit kit) throws Exception {
        Recorder recorder = new Recorder();
        ActorSystem system = kit.system();
        Supervisor sup = started(system.supervise(spec(recorder, SupervisionStrategy.REST_FOR_ONE,
                RestartType.PERMANENT)));

        child(sup, "a").tell("boom");

        // "start c#2" is logged in preStart, after the instance exists: wait for the log, not the count.
        eventually().until(() -> recorder.entries("start ").size() == 6 && sup.snapshot().state() == State.RUNNING);
        assertThat(recorder.entries("start ")).containsExactly(
                "start a#1", "start b#1", "start c#1", "start a#2", "start b#2", "start c#2");
        // each instance is discarded (postStop) before its replacement starts
        assertThat(recorder.log).containsSubsequence("stop a#1", "start a#2", "stop b#1", "start b#2",
                "stop c#1", "start c#2");
    }
}
