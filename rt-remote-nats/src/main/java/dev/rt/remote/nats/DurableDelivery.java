package dev.rt.remote.nats;

import io.nats.client.Message;

/**
 * A JetStream message on its way to a service actor: the decoded payload plus what is needed to
 * acknowledge it once the handler has returned normally.
 *
 * @param payload the decoded message
 * @param source the JetStream message to acknowledge
 * @param deduplicationId the exactly-once id, or {@code null}
 */
record DurableDelivery(Object payload, Message source, String deduplicationId) {

    @Override
    public String toString() {
        return "DurableDelivery[" + payload + "]";
    }
}
