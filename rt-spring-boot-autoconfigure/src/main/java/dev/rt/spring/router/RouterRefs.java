package dev.rt.spring.router;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the {@link RouterBeanRef}s injected for configured routers, one per router name, and lets the
 * {@link RouterLifecycle} point them at the running pools. It depends on nothing, so injecting a router
 * ref never pulls the actor system into early bean creation.
 */
public final class RouterRefs {

    private final ConcurrentHashMap<String, RouterBeanRef<?>> byName = new ConcurrentHashMap<>();

    /**
     * @param routerName a configured router's name
     * @param <M> its message type
     * @return its ref, the same object on every call
     */
    @SuppressWarnings("unchecked")
    public <M> RouterBeanRef<M> ref(String routerName) {
        return (RouterBeanRef<M>) byName.computeIfAbsent(routerName, RouterBeanRef::new);
    }
}
