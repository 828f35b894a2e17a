package dev.rt.spring.actor;

import dev.rt.ActorSystem;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.monitor.RuntimeListener;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the {@link ActorBeanRef}s injected for actor beans, one per actor name, and points them at the
 * running actors once the context starts. As a {@link RuntimeListener} of the auto-configured system it
 * hears when an incarnation stops, so the refs follow the actor to its next incarnation. (A
 * user-defined {@code ActorSystem} built without this listener still works; its refs then keep the
 * incarnation they first found.)
 */
public final class ActorRefs implements RuntimeListener {

    private final ConcurrentHashMap<String, ActorBeanRef<?>> byName = new ConcurrentHashMap<>();
    private volatile Map<String, ActorBeanRef<?>> byPath = Map.of();

    /**
     * @param actorName an actor bean's name
     * @param <M> its message type
     * @return its ref, the same object on every call
     */
    @SuppressWarnings("unchecked")
    public <M> ActorBeanRef<M> ref(String actorName) {
        return (ActorBeanRef<M>) byName.computeIfAbsent(actorName, ActorBeanRef::new);
    }

    /**
     * Points the refs at their actors.
     *
     * @param system the running system
     * @param pathsByName each actor bean's path, by actor name
     */
    public void attach(ActorSystem system, Map<String, String> pathsByName) {
        Map<String, ActorBeanRef<?>> paths = new HashMap<>();
        pathsByName.forEach((name, path) -> {
            ActorBeanRef<?> ref = ref(name);
            ref.attach(system, path);
            paths.put(path, ref);
        });
        byPath = Map.copyOf(paths);
    }

    @Override
    public void onEvent(RuntimeEvent event) {
        if (event instanceof RuntimeEvent.ActorStopped stopped) {
            ActorBeanRef<?> ref = byPath.get(stopped.actor().path());
            if (ref != null) {
                ref.stopped(stopped.actor());
            }
        }
    }
}
