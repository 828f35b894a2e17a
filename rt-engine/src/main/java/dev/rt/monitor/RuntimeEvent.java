package dev.rt.monitor;

import dev.rt.ActorAddress;
import dev.rt.FailureAction;
import java.time.Duration;
import java.time.Instant;

/** Something that happened in the runtime, delivered to {@link RuntimeListener#onEvent}. */
public sealed interface RuntimeEvent {

    /** @return when it happened */
    Instant timestamp();

    /** @return the actor it is about */
    ActorAddress actor();

    /**
     * An actor finished {@code preStart} and handles messages.
     *
     * @param actor the actor
     * @param timestamp when
     */
    record ActorStarted(ActorAddress actor, Instant timestamp) implements RuntimeEvent {
    }

    /**
     * An actor stopped; its {@code postStop} ran and its watchers were told.
     *
     * @param actor the actor
     * @param timestamp when
     */
    record ActorStopped(ActorAddress actor, Instant timestamp) implements RuntimeEvent {
    }

    /**
     * An actor's handler, {@code preStart} or factory threw.
     *
     * @param actor the actor
     * @param error the exception's class name
     * @param message the exception's message, or empty
     * @param action what the failure led to
     * @param timestamp when
     */
    record ActorFailed(ActorAddress actor, String error, String message, FailureAction action, Instant timestamp)
            implements RuntimeEvent {
    }

    /**
     * An actor was restarted with a fresh instance; its mailbox was kept.
     *
     * @param actor the actor
     * @param timestamp when
     */
    record ActorRestarted(ActorAddress actor, Instant timestamp) implements RuntimeEvent {
    }

    /**
     * A message became a dead letter.
     *
     * @param deadLetter the dead letter
     */
    record DeadLettered(DeadLetter deadLetter) implements RuntimeEvent {
        @Override
        public Instant timestamp() {
            return deadLetter.timestamp();
        }

        @Override
        public ActorAddress actor() {
            return deadLetter.recipient();
        }
    }

    /**
     * A supervised child started (first start, or after a restart).
     *
     * @param actor the supervisor
     * @param child the child
     * @param timestamp when
     */
    record ChildStarted(ActorAddress actor, ActorAddress child, Instant timestamp) implements RuntimeEvent {
    }

    /**
     * A supervised child failed and its supervisor is deciding.
     *
     * @param actor the supervisor
     * @param child the child
     * @param error the exception's class name
     * @param message the exception's message, or empty
     * @param timestamp when
     */
    record ChildFailed(ActorAddress actor, ActorAddress child, String error, String message, Instant timestamp)
            implements RuntimeEvent {
    }

    /**
     * A supervisor restarted a child.
     *
     * @param actor the supervisor
     * @param child the child
     * @param restarts the child's restart count so far
     * @param timestamp when
     */
    record ChildRestarted(ActorAddress actor, ActorAddress child, int restarts, Instant timestamp)
            implements RuntimeEvent {
    }

    /**
     * A supervisor waits before restarting.
     *
     * @param actor the supervisor
     * @param child the child whose failure caused it
     * @param delay the wait
     * @param timestamp when
     */
    record BackingOff(ActorAddress actor, ActorAddress child, Duration delay, Instant timestamp)
            implements RuntimeEvent {
    }

    /**
     * A supervised child stopped and will not be restarted.
     *
     * @param actor the supervisor
     * @param child the child
     * @param forced whether it did not stop within its shutdown timeout and was detached
     * @param timestamp when
     */
    record ChildStopped(ActorAddress actor, ActorAddress child, boolean forced, Instant timestamp)
            implements RuntimeEvent {
    }

    /**
     * A supervisor gave up and passed its failure to its own supervisor.
     *
     * @param actor the supervisor that escalated
     * @param error the failure's class name
     * @param message the failure's message
     * @param timestamp when
     */
    record Escalated(ActorAddress actor, String error, String message, Instant timestamp) implements RuntimeEvent {
    }

    /**
     * A supervisor exceeded its restart intensity and gave up: its children are stopped.
     *
     * @param actor the supervisor
     * @param restarts restarts in the window
     * @param period the window
     * @param root whether it is a top-level supervisor (the system is then marked failed)
     * @param timestamp when
     */
    record SupervisorGaveUp(ActorAddress actor, int restarts, Duration period, boolean root, Instant timestamp)
            implements RuntimeEvent {
    }
}
