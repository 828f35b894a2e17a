package dev.rt;

import java.util.Objects;

/**
 * How an actor is spawned: its mailbox and the dispatcher (by name) that runs it.
 *
 * @param mailbox the mailbox kind
 * @param dispatcher the dispatcher's name; {@link ActorSystem#DEFAULT_DISPATCHER} by default
 */
public record SpawnOptions(MailboxConfig mailbox, String dispatcher) {

    private static final SpawnOptions DEFAULTS =
            new SpawnOptions(MailboxConfig.unbounded(), ActorSystem.DEFAULT_DISPATCHER);

    /** Checks the parts. */
    public SpawnOptions {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /** @return an unbounded mailbox on the default dispatcher */
    public static SpawnOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param mailbox the mailbox kind
     * @return a copy with that mailbox
     */
    public SpawnOptions withMailbox(MailboxConfig mailbox) {
        return new SpawnOptions(mailbox, dispatcher);
    }

    /**
     * @param dispatcher a dispatcher name registered on the system
     * @return a copy with that dispatcher
     */
    public SpawnOptions withDispatcher(String dispatcher) {
        return new SpawnOptions(mailbox, dispatcher);
    }
}
