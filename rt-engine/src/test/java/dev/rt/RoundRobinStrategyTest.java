package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoundRobinStrategyTest {

    private final ActorSystem system = ActorSystem.create("round-robin-" + System.nanoTime());

    @AfterEach
    void tearDown() {
        system.terminate(java.time.Duration.ofSeconds(10));
    }

    private Routees<String> routees(int n) {
        List<ActorRef<String>> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            refs.add(system.spawn("r" + n + "-" + i, () -> (message, ctx) -> { }));
        }
        return new Routees<>(refs);
    }

    private static List<Integer> select(RoutingStrategy<String> strategy, Routees<String> routees, int times) {
        return IntStream.range(0, times).mapToObj(i -> strategy.select("m", routees)).toList();
    }

    @Test
    void takesRouteesInTurnAndWrapsAround() {
        RoutingStrategy<String> strategy = RoutingStrategy.roundRobin();
        assertThat(select(strategy, routees(3), 7)).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void staysInRangeWhenThePoolShrinksUnderIt() {
        RoutingStrategy<String> strategy = RoutingStrategy.roundRobin();
        assertThat(select(strategy, routees(5), 4)).containsExactly(0, 1, 2, 3);
        // The counter now points past a two-routee snapshot: it restarts at the first routee.
        assertThat(select(strategy, routees(2), 5)).containsExactly(0, 1, 0, 1, 0);
    }

    @Test
    void growsIntoNewRouteesWithoutSkippingAny() {
        RoutingStrategy<String> strategy = RoutingStrategy.roundRobin();
        assertThat(select(strategy, routees(2), 2)).containsExactly(0, 1);
        assertThat(select(strategy, routees(4), 6)).containsExactly(2, 3, 0, 1, 2, 3);
    }
}
