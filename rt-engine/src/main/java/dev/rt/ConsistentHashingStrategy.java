package dev.rt;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Consistent hashing on a ring of virtual nodes keyed by each routee's path, so the ring does not depend
 * on the order of routees or on restarts, and a change of routees moves only the keys of the routee
 * added or removed. The ring is built once per {@link Routees} snapshot.
 */
final class ConsistentHashingStrategy<M> implements RoutingStrategy<M> {

    private static final int VIRTUAL_NODES = 160;

    private final Function<? super M, ?> key;

    ConsistentHashingStrategy(Function<? super M, ?> key) {
        this.key = key;
    }

    @Override
    public int select(M message, Routees<M> routees) {
        Ring ring = routees.strategyCache() instanceof Ring cached ? cached : build(routees);
        Object routingKey = key.apply(message);
        return ring.lookup(mix(routingKey == null ? 0 : routingKey.hashCode()));
    }

    private Ring build(Routees<M> routees) {
        int points = routees.size() * VIRTUAL_NODES;
        long[][] entries = new long[points][];
        int n = 0;
        for (int i = 0; i < routees.size(); i++) {
            int base = routees.get(i).address().path().hashCode();
            for (int v = 0; v < VIRTUAL_NODES; v++) {
                entries[n++] = new long[] {mix(base * 31L + v), i};
            }
        }
        Arrays.sort(entries, (a, b) -> Long.compare(a[0], b[0]));
        long[] hashes = new long[points];
        int[] owners = new int[points];
        for (int i = 0; i < points; i++) {
            hashes[i] = entries[i][0];
            owners[i] = (int) entries[i][1];
        }
        Ring ring = new Ring(hashes, owners);
        routees.strategyCache(ring);
        return ring;
    }

    /** A 64-bit finalizer (as in MurmurHash3) so nearby hash codes land far apart on the ring. */
    static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private record Ring(long[] hashes, int[] owners) {
        int lookup(long hash) {
            int index = Arrays.binarySearch(hashes, hash);
            if (index < 0) {
                index = -index - 1;
            }
            return owners[index == hashes.length ? 0 : index];
        }
    }
}
