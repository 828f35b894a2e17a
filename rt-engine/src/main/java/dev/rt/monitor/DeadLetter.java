package dev.rt.monitor;

import dev.rt.ActorAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A message that was not handled, and why.
 *
 * @param message the message
 * @param sender the sender's address, or {@code null} if there was none
 * @param recipient the intended receiver's address
 * @param reason why it was not handled
 * @param detail a short explanation (for example the exception of a failed handler), never {@code null}
 * @param timestamp when it became a dead letter
 */
public record DeadLetter(Object message, ActorAddress sender, ActorAddress recipient, DeadLetterReason reason,
                         String detail, Instant timestamp) {

    /** The {@link #detail()} of a {@code STOPPED} letter for a send refused because the system terminates. */
    public static final String REFUSED_AT_SHUTDOWN = "the actor system is shutting down";

    /** Checks the parts. */
    public DeadLetter {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
