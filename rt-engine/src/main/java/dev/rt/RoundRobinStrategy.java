package dev.rt;

/**
 * Routees in turn; the counter is deliberately not atomic (see {@link RoutingStrategy#roundRobin()}).
 *
 * <p>The counter is written by the sender on every message, so it sits alone on its cache line: an
 * actor cell or mailbox allocated next to it would otherwise be written by a worker on every turn,
 * and each side would keep taking the line from the other.
 */
final class RoundRobinStrategy<M> extends RoundRobinPadAfter implements RoutingStrategy<M> {

    @Override
    public int select(M message, Routees<M> routees) {
        // A wrap-around counter instead of a modulo: no division on the sender's path. A racing sender
        // or a shrunk pool can leave it out of range; it then restarts at 0.
        int current = next;
        if (current >= routees.size() || current < 0) {
            current = 0;
        }
        next = current + 1;
        return current;
    }
}

/** Padding before the counter; field order across a class hierarchy is fixed, within one class it is not. */
abstract class RoundRobinPadBefore {
    long p01, p02, p03, p04, p05, p06, p07, p08;
}

/** The counter. */
abstract class RoundRobinCounter extends RoundRobinPadBefore {
    int next;
}

/** Padding after the counter. */
abstract class RoundRobinPadAfter extends RoundRobinCounter {
    long p11, p12, p13, p14, p15, p16, p17, p18;
}
