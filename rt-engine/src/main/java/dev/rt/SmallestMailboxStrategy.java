package dev.rt;

/**
 * The routee with the shallowest mailbox; on equal depth an idle routee wins over one that is running a
 * message (a routee stuck in a long handler is always running). The scan starts at a rotating offset
 * so ties spread, and stops at an idle routee with an empty mailbox.
 */
final class SmallestMailboxStrategy<M> implements RoutingStrategy<M> {

    private int offset;

    @Override
    public int select(M message, Routees<M> routees) {
        int size = routees.size();
        int start = Math.floorMod(offset++, size);
        int best = start;
        long bestScore = score(routees, start);
        for (int i = 1; i < size && bestScore > 0; i++) {
            int index = (start + i) % size;
            long score = score(routees, index);
            if (score < bestScore) {
                best = index;
                bestScore = score;
            }
        }
        return best;
    }

    private static long score(Routees<?> routees, int index) {
        return routees.mailboxDepth(index) * 2 + (routees.isBusy(index) ? 1 : 0);
    }
}
