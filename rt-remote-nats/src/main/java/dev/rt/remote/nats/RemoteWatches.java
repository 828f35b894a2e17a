package dev.rt.remote.nats;

import dev.rt.ActorRef;
import dev.rt.Terminated;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The watcher side of remote death watch: which local refs want a {@link Terminated} for which remote
 * actor. Fired when the actor's node reports it stopped, or when its node leaves or is lost.
 */
final class RemoteWatches {

    /** One watch: {@code watcher} identifies it for removal, {@code deliver} tells it. */
    private record Watch(RemoteActorRef<?> target, ActorRef<?> watcher, Consumer<Terminated> deliver) {
    }

    private final Map<String, List<Watch>> byTarget = new ConcurrentHashMap<>();

    /** @return whether this is the first watch of {@code target} (the owner must be told) */
    boolean add(RemoteActorRef<?> target, ActorRef<?> watcher, Consumer<Terminated> deliver) {
        boolean[] first = {false};
        byTarget.compute(target.wire(), (key, list) -> {
            List<Watch> watches = list;
            if (watches == null) {
                watches = new CopyOnWriteArrayList<>();
                first[0] = true;
            }
            watches.add(new Watch(target, watcher, deliver));
            return watches;
        });
        return first[0];
    }

    /** @return whether no watch of {@code target} is left (the owner may forget it) */
    boolean remove(RemoteActorRef<?> target, ActorRef<?> watcher) {
        boolean[] none = {false};
        byTarget.computeIfPresent(target.wire(), (key, list) -> {
            list.removeIf(w -> Objects.equals(w.watcher, watcher));
            none[0] = list.isEmpty();
            return list.isEmpty() ? null : list;
        });
        return none[0];
    }

    /** The actor behind {@code targetWire} stopped: tell its watchers, once. */
    void terminated(String targetWire) {
        List<Watch> watches = byTarget.remove(targetWire);
        if (watches != null) {
            watches.forEach(RemoteWatches::notify);
        }
    }

    /** Every actor of {@code node} is gone. */
    void nodeDown(String node) {
        // The key (the target's wire ref, "node/path#uid") names the node: no peek into a list that another
        // thread may be emptying meanwhile.
        String nodePrefix = node + '/';
        for (Map.Entry<String, List<Watch>> entry : byTarget.entrySet()) {
            List<Watch> watches = entry.getValue();
            if (entry.getKey().startsWith(nodePrefix) && byTarget.remove(entry.getKey(), watches)) {
                watches.forEach(RemoteWatches::notify);
            }
        }
    }

    private static void notify(Watch watch) {
        try {
            watch.deliver.accept(new Terminated(watch.target));
        } catch (RuntimeException e) {
            // The watcher's own mailbox refused it; the engine has dead-lettered it already.
        }
    }
}
