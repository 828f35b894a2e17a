package dev.rt;

/** Routees in turn; the counter is deliberately not atomic (see {@link RoutingStrategy#roundRobin()}). */
final class RoundRobinStrategy<M> implements RoutingStrategy<M> {

    private int next;

    @Override
    public int select(M message, Routees<M> routees) {
        int current = next++;
        return Math.floorMod(current, routees.size());
    }
}
