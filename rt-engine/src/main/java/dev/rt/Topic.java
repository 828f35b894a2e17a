package dev.rt;

import dev.rt.monitor.DeadLetterReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publish-subscribe by name: every published message goes to every current subscriber. Subscribers that
 * stop are removed automatically. A message published while nobody subscribes is a dead letter
 * ({@code NO_SUBSCRIBERS}). Get one with {@link ActorSystem#topic(String)}.
 *
 * @param <M> the message type
 */
public final class Topic<M> {

    private final ActorSystem system;
    private final String name;
    private final ActorAddress address;
    private final LongAdder published = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder unheard = new LongAdder();
    private volatile List<ActorRef<M>> subscribers = List.of();

    Topic(ActorSystem system, String name, long uid) {
        this.system = system;
        this.name = name;
        this.address = new ActorAddress(system.name(), "/topics/" + name, uid);
    }

    /** @return the topic's name */
    public String name() {
        return name;
    }

    /**
     * @param subscriber receives every message published from now on; subscribing twice has no effect
     */
    public synchronized void subscribe(ActorRef<M> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribers.contains(subscriber)) {
            List<ActorRef<M>> next = new ArrayList<>(subscribers);
            next.add(subscriber);
            subscribers = List.copyOf(next);
        }
    }

    /**
     * @param subscriber no longer receives messages
     */
    public synchronized void unsubscribe(ActorRef<M> subscriber) {
        List<ActorRef<M>> next = new ArrayList<>(subscribers);
        if (next.remove(subscriber)) {
            subscribers = List.copyOf(next);
        }
    }

    /** @return the live subscribers */
    public List<ActorRef<M>> subscribers() {
        prune();
        return subscribers;
    }

    /**
     * Sends the message to every live subscriber.
     *
     * @param message the message, not {@code null}
     * @return how many subscribers it was sent to
     */
    public int publish(M message) {
        Objects.requireNonNull(message, "message must not be null");
        published.increment();
        List<ActorRef<M>> current = subscribers;
        int sent = 0;
        boolean stale = false;
        for (ActorRef<M> subscriber : current) {
            if (AbstractRouter.isStopped(subscriber)) {
                stale = true;
                continue;
            }
            subscriber.tell(message);
            sent++;
        }
        if (stale) {
            prune();
        }
        if (sent == 0) {
            unheard.increment();
            system.deadLetters().publish(message, null, address, DeadLetterReason.NO_SUBSCRIBERS,
                    "topic " + name + " has no subscribers");
        }
        deliveries.add(sent);
        return sent;
    }

    /** @return messages published so far */
    public long published() {
        return published.sum();
    }

    /** @return messages sent to subscribers so far (one per subscriber per publish) */
    public long deliveries() {
        return deliveries.sum();
    }

    /** @return messages published while nobody subscribed */
    public long publishedWithoutSubscribers() {
        return unheard.sum();
    }

    private synchronized void prune() {
        List<ActorRef<M>> live = new ArrayList<>(subscribers.size());
        for (ActorRef<M> subscriber : subscribers) {
            if (!AbstractRouter.isStopped(subscriber)) {
                live.add(subscriber);
            }
        }
        if (live.size() != subscribers.size()) {
            subscribers = List.copyOf(live);
        }
    }

    @Override
    public String toString() {
        return "Topic[" + name + ", " + subscribers.size() + " subscribers]";
    }
}
