package dev.rt.remote.nats;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the remote transport since it started; cheap to update, read by metrics on scrape. */
public final class RemoteStats {

    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder codecErrors = new LongAdder();
    private final LongAdder redeliveries = new LongAdder();
    private final LongAdder undeliverable = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder acknowledgementFailures = new LongAdder();

    /** @return messages sent to other nodes */
    public long sent() {
        return sent.sum();
    }

    /** @return messages received from other nodes (duplicates and undecodable ones included) */
    public long received() {
        return received.sum();
    }

    /** @return bytes sent, frames included */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /** @return bytes received, frames included */
    public long bytesReceived() {
        return bytesReceived.sum();
    }

    /** @return messages that could not be encoded or decoded */
    public long codecErrors() {
        return codecErrors.sum();
    }

    /** @return JetStream deliveries that were redeliveries (after a failure, a lost node or a restart) */
    public long redeliveries() {
        return redeliveries.sum();
    }

    /** @return messages the transport could not deliver (dead-lettered {@code UNREACHABLE}) */
    public long undeliverable() {
        return undeliverable.sum();
    }

    /** @return exactly-once messages that arrived again and were acknowledged without being handled */
    public long duplicates() {
        return duplicates.sum();
    }

    /**
     * @return JetStream acks, naks or terms that could not be sent (connection closed); JetStream redelivers
     *         those messages after the ack wait
     */
    public long acknowledgementFailures() {
        return acknowledgementFailures.sum();
    }

    void countAcknowledgementFailure() {
        acknowledgementFailures.increment();
    }

    void sent(int bytes) {
        sent.increment();
        bytesSent.add(bytes);
    }

    void received(int bytes) {
        received.increment();
        bytesReceived.add(bytes);
    }

    void countCodecError() {
        codecErrors.increment();
    }

    void countRedelivery() {
        redeliveries.increment();
    }

    void countUndeliverable() {
        undeliverable.increment();
    }

    void countDuplicate() {
        duplicates.increment();
    }
}
