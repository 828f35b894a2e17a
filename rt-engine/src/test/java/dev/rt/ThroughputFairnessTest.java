package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.TestSupport.Gate;
import dev.rt.TestSupport.Recorder;
import dev.rt.TestSupport.ScriptActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Throughput batching: on a one-thread dispatcher an actor handles at most {@code throughput} messages per
 * turn, then yields, so two busy actors interleave instead of one starving the other.
 */
class ThroughputFairnessTest {

    private static final int PER_ACTOR = 100;

    private final Gate gate = new Gate();
    private ActorSystem system;

    @AfterEach
    void tearDown() {
        gate.open();
        if (system != null) {
            system.terminate(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest(name = "throughput {0}")
    @ValueSource(ints = {1, 5, 32})
    void twoBusyActorsOnOneThreadInterleaveInBatchesOfAtMostTheThroughput(int throughput) {
        system = ActorSystem.builder(TestSupport.uniqueName("fairness"))
                .dispatcher("single", DispatcherConfig.workStealing(1).withThroughput(throughput))
                .build();
        SpawnOptions single = SpawnOptions.defaults().withDispatcher("single");
        Recorder<Object> order = new Recorder<>();
        ActorRef<Object> blocker = system.spawn("blocker", ScriptActor::new, single);
        blocker.tell(gate);
        gate.awaitEntered();
        ActorRef<Object> a = system.spawn("a", () -> new ScriptActor(order) {
            @Override
            void handle(Object message, ActorContext<Object> ctx) {
                order.add("a");
            }
        }, single);
        ActorRef<Object> b = system.spawn("b", () -> new ScriptActor(order) {
            @Override
            void handle(Object message, ActorContext<Object> ctx) {
                order.add("b");
            }
        }, single);
        // Both mailboxes fill while the only thread is held.
        for (int i = 0; i < PER_ACTOR; i++) {
            a.tell(i);
        }
        for (int i = 0; i < PER_ACTOR; i++) {
            b.tell(i);
        }
        gate.open();

        List<Object> handled = order.awaitSize(2 * PER_ACTOR);
        List<Integer> runs = runLengths(handled);
        assertThat(runs).as("consecutive messages of one actor").allSatisfy(run ->
                assertThat(run).isLessThanOrEqualTo(throughput));
        assertThat(handled.indexOf("b")).as("b started before a finished").isLessThan(handled.lastIndexOf("a"));
        assertThat(handled.indexOf("a")).as("a started before b finished").isLessThan(handled.lastIndexOf("b"));
        if (throughput == 1) {
            assertThat(runs).as("strict alternation").containsOnly(1);
        }
    }

    private static List<Integer> runLengths(List<Object> sequence) {
        List<Integer> runs = new ArrayList<>();
        Object previous = null;
        for (Object item : sequence) {
            if (item.equals(previous)) {
                runs.set(runs.size() - 1, runs.get(runs.size() - 1) + 1);
            } else {
                runs.add(1);
            }
            previous = item;
        }
        return runs;
    }
}
