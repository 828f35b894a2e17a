package dev.rt;

import java.time.Duration;
import java.util.Objects;

/**
 * How a supervisor stops a child: wait up to a timeout for it to stop by itself (running its
 * {@code postStop}), or stop waiting at once. A child that does not stop in time is detached from the
 * supervisor (a forced stop, reported in the event) so the shutdown of its siblings goes on.
 *
 * @param timeout how long to wait; zero for {@link #immediate()}
 */
public record ShutdownPolicy(Duration timeout) {

    private static final ShutdownPolicy IMMEDIATE = new ShutdownPolicy(Duration.ZERO);

    /** Checks the timeout. */
    public ShutdownPolicy {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("shutdown timeout must not be negative, was " + timeout);
        }
    }

    /**
     * @param timeout how long the child may take to stop, positive
     * @return a graceful policy
     */
    public static ShutdownPolicy graceful(Duration timeout) {
        if (timeout.isZero()) {
            throw new IllegalArgumentException("a graceful shutdown needs a positive timeout");
        }
        return new ShutdownPolicy(timeout);
    }

    /** @return stop without waiting (Erlang's {@code brutal_kill}) */
    public static ShutdownPolicy immediate() {
        return IMMEDIATE;
    }

    /** @return whether the supervisor does not wait */
    public boolean isImmediate() {
        return timeout.isZero();
    }
}
