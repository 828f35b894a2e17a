package dev.rt;

/**
 * A ref that spreads messages over routees, choosing on the sender's thread: no router actor, no extra
 * hop. {@code tell} goes to the routee the strategy picks (all routees for broadcast); {@code ask} with a
 * broadcast strategy is scatter-gather: the first reply wins. Stopped routees are skipped.
 *
 * @param <M> the message type
 */
public interface Router<M> extends ActorRef<M> {

    /** @return the current routees */
    Routees<M> routees();
}
