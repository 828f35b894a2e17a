package dev.rt.spring.metrics;

import dev.rt.monitor.RuntimeEvent;
import dev.rt.monitor.RuntimeListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts child restarts per supervisor as {@code rt.supervisor.restarts} (tags {@code supervisor},
 * {@code child}), from the supervisors' restart events; a restart is rare, so counting it is cheap. The
 * declared supervisors and children are tagged by name; any other child of a declared supervisor counts
 * as {@code child=other}, and children of undeclared (dynamically started) supervisors as
 * {@code supervisor=other}, so the series stay bounded. The routees of a pool (a router) count together
 * as {@code child=routees} under the router's name.
 */
public final class SupervisorRestartMetrics implements RuntimeListener, MeterBinder {

    /** Tag value of the children of a pool. */
    public static final String ROUTEES = "routees";

    private final Map<String, String> supervisorNames;
    private final Map<String, Map<String, LongAdder>> declared;
    private final Map<String, String> poolNames;
    private final Map<String, LongAdder> pools;
    private final ConcurrentHashMap<String, LongAdder> others = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    /**
     * @param supervisorPaths declared supervisors: their path by name
     * @param declaredChildren each declared supervisor's children, by the supervisor's path
     */
    public SupervisorRestartMetrics(Map<String, String> supervisorPaths, Map<String, List<String>> declaredChildren) {
        this(supervisorPaths, declaredChildren, Map.of());
    }

    /**
     * @param supervisorPaths declared supervisors: their path by name
     * @param declaredChildren each declared supervisor's children, by the supervisor's path
     * @param poolPaths pools (routers' supervisors): their path by name
     */
    public SupervisorRestartMetrics(Map<String, String> supervisorPaths, Map<String, List<String>> declaredChildren,
                                    Map<String, String> poolPaths) {
        Map<String, String> pooledNames = new HashMap<>();
        Map<String, LongAdder> pooled = new HashMap<>();
        poolPaths.forEach((name, path) -> {
            pooledNames.put(path, name);
            pooled.put(path, new LongAdder());
        });
        this.poolNames = Map.copyOf(pooledNames);
        this.pools = Map.copyOf(pooled);
        Map<String, String> names = new HashMap<>();
        supervisorPaths.forEach((name, path) -> names.put(path, name));
        Map<String, Map<String, LongAdder>> counters = new HashMap<>();
        declaredChildren.forEach((path, children) -> {
            Map<String, LongAdder> byChild = new HashMap<>();
            children.forEach(child -> byChild.put(child, new LongAdder()));
            counters.put(path, Map.copyOf(byChild));
            names.putIfAbsent(path, path); // a nested supervisor whose name is not unique: tagged by path
        });
        this.supervisorNames = Map.copyOf(names);
        this.declared = Map.copyOf(counters);
    }

    @Override
    public void onEvent(RuntimeEvent event) {
        if (!(event instanceof RuntimeEvent.ChildRestarted restarted)) {
            return;
        }
        String supervisorPath = restarted.actor().path();
        LongAdder pooled = pools.isEmpty() ? null : pools.get(supervisorPath);
        if (pooled != null) {
            pooled.increment();
            return;
        }
        Map<String, LongAdder> children = declared.get(supervisorPath);
        LongAdder counter = children == null ? null : children.get(restarted.child().name());
        if (counter == null) {
            counter = other(children == null ? RtMeterBinder.OTHER : supervisorNames.get(supervisorPath));
        }
        counter.increment();
    }

    private LongAdder other(String supervisor) {
        LongAdder counter = others.get(supervisor);
        if (counter != null) {
            return counter;
        }
        LongAdder created = new LongAdder();
        counter = others.putIfAbsent(supervisor, created);
        if (counter != null) {
            return counter;
        }
        MeterRegistry bound = registry;
        if (bound != null) {
            register(bound, supervisor, RtMeterBinder.OTHER, created);
        }
        return created;
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        registry = meterRegistry;
        declared.forEach((path, children) -> children.forEach((child, counter) ->
                register(meterRegistry, supervisorNames.get(path), child, counter)));
        pools.forEach((path, counter) -> register(meterRegistry, poolNames.get(path), ROUTEES, counter));
        others.forEach((supervisor, counter) -> register(meterRegistry, supervisor, RtMeterBinder.OTHER, counter));
    }

    private static void register(MeterRegistry registry, String supervisor, String child, LongAdder counter) {
        FunctionCounter.builder("rt.supervisor.restarts", counter, LongAdder::sum)
                .tag("supervisor", supervisor)
                .tag("child", child)
                .description("Children restarted by their supervisor")
                .baseUnit("restarts")
                .register(registry);
    }
}
