package dev.rt;

/**
 * A ref to an actor that this actor system does not host (a remote actor, say) and that
 * {@link ActorContext#watch} can still watch. The engine registers the watching actor and a callback;
 * the ref's transport runs the callback once, when the actor stops or can no longer be reached, and the
 * watcher then receives {@link Terminated} as it would for a local actor.
 *
 * <pre>{@code
 * final class RemoteRef<M> implements ActorRef<M>, WatchableRef {
 *     public void watch(ActorRef<?> watcher, Runnable onTerminated) { transport.watch(this, watcher, onTerminated); }
 *     public void unwatch(ActorRef<?> watcher) { transport.unwatch(this, watcher); }
 *     ...
 * }
 * }</pre>
 */
public interface WatchableRef {

    /**
     * Starts watching the actor behind this ref for {@code watcher}.
     *
     * @param watcher the local actor that watches; the key for {@link #unwatch}
     * @param onTerminated to run once, on any thread, when the actor has stopped or become unreachable
     *        (also right away if it already has); must not block
     */
    void watch(ActorRef<?> watcher, Runnable onTerminated);

    /**
     * Stops watching for {@code watcher}; its callback will not run. Unknown watchers are ignored.
     *
     * @param watcher the actor given to {@link #watch}
     */
    void unwatch(ActorRef<?> watcher);
}
