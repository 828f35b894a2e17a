package dev.rt.remote.nats;

import io.nats.client.Message;

/**
 * A JetStream message on its way to a service actor: the decoded payload plus what is needed to
 * acknowledge it once the handler has returned normally.
 *
 * @param payload the decoded message
 * @param source the JetStream message to acknowledge
 * @param deduplicationId the exactly-once id, or {@code null}
 * @param service the service that holds it (and keeps its ack wait from running out)
 */
record DurableDelivery(Object payload, Message source, String deduplicationId, DurableService service) {

    @Override
    public String toString() {
        return "DurableDelivery[" + payload + "]";
    }
}
