package dev.rt.remote.nats;

import dev.rt.ActorRef;
import io.nats.client.MessageConsumer;

/**
 * A service hosted on this node that takes JetStream messages: its acknowledging actor, its consumer and
 * its deduplication window.
 */
final class DurableService {

    private final String name;
    private final DeduplicationWindow window;
    private final NatsRemoting remoting;
    private volatile ActorRef<Object> actor;
    private volatile MessageConsumer consumer;

    DurableService(String name, int windowSize, NatsRemoting remoting) {
        this.name = name;
        this.window = new DeduplicationWindow(windowSize);
        this.remoting = remoting;
    }

    String name() {
        return name;
    }

    DeduplicationWindow window() {
        return window;
    }

    ActorRef<Object> actor() {
        return actor;
    }

    void actor(ActorRef<Object> ref) {
        this.actor = ref;
    }

    void consumer(MessageConsumer messageConsumer) {
        this.consumer = messageConsumer;
    }

    void acknowledge(DurableDelivery delivery) {
        remoting.acknowledge(delivery);
    }

    void duplicate(DurableDelivery delivery, ActorRef<?> self) {
        remoting.duplicate(delivery, self);
    }

    void stop() {
        MessageConsumer current = consumer;
        if (current != null) {
            try {
                current.stop();
                current.close();
            } catch (Exception e) {
                // closing anyway; JetStream redelivers whatever was not acknowledged
            }
        }
    }
}
