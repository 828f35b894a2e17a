package dev.rt.remote.nats;

import dev.rt.ActorAddress;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import java.lang.ref.WeakReference;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local refs this node has written into outgoing messages, so a reply can find them: tree actors and
 * also refs the tree does not know (the temporary reply ref of an ask, message adapters). Held weakly:
 * a ref nobody here uses any more is not kept alive by having once crossed the wire, and a reply to it
 * then dead-letters as {@code NO_SUCH_ACTOR}.
 */
final class LocalRefs {

    private final ActorSystem system;
    private final ConcurrentHashMap<String, WeakReference<ActorRef<?>>> exported = new ConcurrentHashMap<>();

    LocalRefs(ActorSystem system) {
        this.system = system;
    }

    /**
     * @param ref a local ref about to cross the wire
     * @return its key on this node: path and incarnation
     */
    String export(ActorRef<?> ref) {
        ActorAddress address = ref.address();
        String key = address.path() + '#' + address.uid();
        WeakReference<ActorRef<?>> known = exported.get(key);
        if (known == null || known.get() != ref) {
            exported.put(key, new WeakReference<>(ref));
        }
        return key;
    }

    /**
     * @param path an actor path on this node
     * @param uid its incarnation, or 0 for whatever lives at the path
     * @return the local ref, if it still exists
     */
    Optional<ActorRef<Object>> resolve(String path, long uid) {
        if (uid != 0) {
            WeakReference<ActorRef<?>> known = exported.get(path + '#' + uid);
            ActorRef<?> ref = known == null ? null : known.get();
            if (ref != null) {
                return Optional.of(cast(ref));
            }
        }
        Optional<ActorRef<Object>> live = system.lookup(path);
        return live.filter(ref -> uid == 0 || ref.address().uid() == uid);
    }

    /** Forgets refs that were collected. */
    void purge() {
        exported.values().removeIf(weak -> weak.get() == null);
    }

    @SuppressWarnings("unchecked")
    private static ActorRef<Object> cast(ActorRef<?> ref) {
        return (ActorRef<Object>) ref;
    }
}
