package dev.rt.monitor;

import dev.rt.ActorAddress;
import dev.rt.FailureAction;
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
}
