package dev.rt;

/** Routees in turn; the counter is deliberately not atomic (see {@link RoutingStrategy#roundRobin()}). */
final class RoundRobinStrategy<M> implements RoutingStrategy<M> {

    private int next;

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
