package dev.rt;

/** What an actor's failure leads to (Erlang/OTP and Akka semantics). */
public enum FailureAction {
    /** Drop the failed message and keep the instance and its state. */
    RESUME,
    /** Discard the instance and create a fresh one from the factory; the mailbox is kept. */
    RESTART,
    /** Stop the actor; its remaining messages are dead-lettered. */
    STOP,
    /** Let the supervisor decide by its strategy; without a supervisor this restarts the actor. */
    ESCALATE
}
