package dev.rt.remote.nats;

import dev.rt.ActorRef;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    /** JetStream messages taken from a pull and not yet acknowledged, terminated or given back. */
    private final Set<Message> held = ConcurrentHashMap.newKeySet();

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

    /** {@code message} is on its way to the actor: keep it from JetStream's redelivery until released. */
    void hold(Message message) {
        held.add(message);
    }

    /** {@code message} was acknowledged, terminated or given back: stop extending its ack wait. */
    void release(Message message) {
        held.remove(message);
    }

    /**
     * Tells JetStream that every held message is still being worked on, so that one that waits in the
     * mailbox (or in a slow handler) longer than the ack wait is not redelivered to another node meanwhile.
     */
    void extendHeld() {
        for (Message message : held) {
            try {
                message.inProgress();
            } catch (RuntimeException e) {
                // the connection is down: JetStream redelivers after the ack wait, as for a lost node
            }
        }
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
