package dev.rt;

/** Lifecycle messages; they travel in a separate lane handled before user messages. */
sealed interface SystemMessage {


    /** Stops the actor (children first). */
    SystemMessage STOP = new Stop();

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

    /** A child finished stopping. */
    record ChildTerminated(ActorCell<?> child) implements SystemMessage {
    }
}
