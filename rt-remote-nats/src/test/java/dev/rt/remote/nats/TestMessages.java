package dev.rt.remote.nats;

import dev.rt.ActorRef;
import dev.rt.DeliveryGuarantee;
import dev.rt.Message;
import dev.rt.MessageInfo;

/** Messages the tests send between nodes. */
final class TestMessages {

    private TestMessages() {
    }

    record Ping(String text, ActorRef<Pong> replyTo) {
    }

    record Pong(String text, String node) {
    }

    /** Asks the receiver to pass {@code text} on to {@code next}, naming itself as the sender. */
    record Relay(String text, ActorRef<Ping> next, ActorRef<Pong> replyTo) {
    }

    @MessageInfo(guarantee = DeliveryGuarantee.AT_LEAST_ONCE)
    record Work(int id) implements Message {
    }

    @MessageInfo(guarantee = DeliveryGuarantee.EXACTLY_ONCE)
    record Job(String id) implements Message {
        @Override
        public Object deduplicationId() {
            return id;
        }
    }

    /** Not registered anywhere: must never cross the wire. */
    record Secret(String value) {
    }

    static MessageTypes types() {
        return new MessageTypes().register(Ping.class).register(Pong.class).register(Relay.class)
                .register(Work.class).register(Job.class);
    }
}
