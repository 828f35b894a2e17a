package dev.rt.spring.actor;

import dev.rt.Actor;
import dev.rt.SpawnOptions;
import dev.rt.SupervisorSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the application declared, assembled into supervision trees: the top-level supervisors and
 * actors to start, and the paths of everything declared (by name), which health, metrics and the
 * injected refs use. Built by {@link TopologyAssembler}; immutable.
 *
 * @param supervisors the top-level supervision trees, in start order
 * @param actors the top-level actor beans (no supervisor), in start order
 * @param actorPaths the path of each actor bean, by actor name
 * @param supervisorPaths the path of each declared supervisor, by name
 * @param declaredChildren the declared children of each supervisor, by the supervisor's path
 * @param declaredActors the paths of every declared actor that is not a supervisor
 */
public record ActorTopology(List<SupervisorSpec> supervisors, List<TopLevelActor> actors,
                            Map<String, String> actorPaths, Map<String, String> supervisorPaths,
                            Map<String, List<String>> declaredChildren, Set<String> declaredActors) {

    /** Copies the parts. */
    public ActorTopology {
        supervisors = List.copyOf(supervisors);
        actors = List.copyOf(actors);
        actorPaths = Map.copyOf(actorPaths);
        supervisorPaths = Map.copyOf(supervisorPaths);
        declaredChildren = Map.copyOf(declaredChildren);
        declaredActors = Set.copyOf(declaredActors);
    }

    /** @return a topology with nothing declared */
    public static ActorTopology empty() {
        return new ActorTopology(List.of(), List.of(), Map.of(), Map.of(), Map.of(), Set.of());
    }

    /**
     * An actor bean without a supervisor, spawned under {@code /user}.
     *
     * @param name its name
     * @param factory makes its instances
     * @param options its mailbox and dispatcher
     */
    public record TopLevelActor(String name, Supplier<? extends Actor<?>> factory, SpawnOptions options) {

        /** Checks the parts. */
        public TopLevelActor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(factory, "factory");
            Objects.requireNonNull(options, "options");
        }
    }
}
