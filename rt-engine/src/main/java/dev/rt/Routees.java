package dev.rt;

import java.util.List;

/**
 * An immutable snapshot of a router's routees, handed to a {@link RoutingStrategy}. A new snapshot is
 * made whenever the routees change, so a strategy may cache derived data (a hash ring) per snapshot.
 *
 * @param <M> the message type
 */
public final class Routees<M> {

    private final ActorRef<M>[] refs;
    private volatile Object strategyCache;

    @SuppressWarnings("unchecked")
    Routees(List<? extends ActorRef<M>> refs) {
        this.refs = refs.toArray(new ActorRef[0]);
    }

    /** @return how many routees there are */
    public int size() {
        return refs.length;
    }

    /**
     * @param index from 0 to {@link #size()} - 1
     * @return that routee
     */
    public ActorRef<M> get(int index) {
        return refs[index];
    }

    /**
     * @param index a routee
     * @return its current mailbox depth, or 0 if it is not a local actor
     */
    public long mailboxDepth(int index) {
        return refs[index] instanceof ActorCell<?> cell ? cell.mailboxDepth() : 0;
    }

    /**
     * @param index a routee
     * @return whether it is scheduled or running a message right now (a blocked routee always is)
     */
    public boolean isBusy(int index) {
        return refs[index] instanceof ActorCell<?> cell && cell.isScheduled();
    }

    /** @return the routees as a list */
    public List<ActorRef<M>> asList() {
        return List.of(refs);
    }

    Object strategyCache() {
        return strategyCache;
    }

    void strategyCache(Object cache) {
        this.strategyCache = cache;
    }
}
