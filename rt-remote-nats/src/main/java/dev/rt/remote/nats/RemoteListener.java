package dev.rt.remote.nats;

/**
 * Observes the remote transport, for metrics. Called on transport threads: keep it cheap and never block.
 * Counters (sends, receives, bytes, codec errors, redeliveries) are in {@link RemoteStats}; this gives
 * what counters cannot: timings and membership changes.
 */
public interface RemoteListener {

    /** A listener that does nothing. */
    RemoteListener NO_OP = new RemoteListener() {
    };

    /**
     * An ask to a remote actor was answered.
     *
     * @param nanos the time from the request until the reply completed the future
     */
    default void onRoundTrip(long nanos) {
    }

    /**
     * @param member a node that joined
     */
    default void onMemberUp(Member member) {
    }

    /**
     * @param nodeId a node that left or stopped sending heartbeats
     * @param graceful whether it said goodbye
     */
    default void onMemberDown(String nodeId, boolean graceful) {
    }
}
