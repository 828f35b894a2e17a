package dev.rt;

/** Lifecycle messages; they travel in a separate lane handled before user messages. */
sealed interface SystemMessage {


    /** Stops the actor (children first). */
    SystemMessage STOP = new Stop();
    /** Restarts the actor in place: fresh instance, same mailbox (sent by its supervisor). */
    SystemMessage RESTART = new Restart();

    /** Restart in place. */
    record Restart() implements SystemMessage {
    }

    /** A supervised child failed and waits, suspended, for its supervisor's decision. */
    record ChildFailed(ActorCell<?> child, Throwable cause) implements SystemMessage {
    }

    /** A supervised child finished {@code preStart}. */
    record ChildStarted(ActorCell<?> child) implements SystemMessage {
    }

    /** A child did not stop within its shutdown timeout. */
    record ChildStopTimeout(ActorCell<?> child) implements SystemMessage {
    }

    /** A supervisor exceeded its intensity: stop the children, then fail to the parent. */
    record GiveUp(Throwable cause) implements SystemMessage {
    }

    /** Stop the actor. */
    record Stop() implements SystemMessage {
    }

    /** {@code watcher} wants a {@link Terminated} when this actor stops. */
    record Watch(ActorCell<?> watcher) implements SystemMessage {
    }

    /** {@code watcher} no longer wants it. */
    record Unwatch(ActorCell<?> watcher) implements SystemMessage {
    }

    /** A watched actor stopped. */
    record WatchedTerminated(ActorCell<?> ref) implements SystemMessage {
    }

    /** A watched actor outside this system (see {@link WatchableRef}) stopped or became unreachable. */
    record ForeignTerminated(ActorRef<?> ref) implements SystemMessage {
    }

    /** A child finished stopping; {@code failure} is why, or {@code null} for a normal stop. */
    record ChildTerminated(ActorCell<?> child, Throwable failure) implements SystemMessage {
    }
}
