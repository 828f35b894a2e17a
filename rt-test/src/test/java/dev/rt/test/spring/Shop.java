package dev.rt.test.spring;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.spring.RtActor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** A small application for the Spring tests: a service that charges through a payments actor. */
final class Shop {

    private Shop() {
    }

    /** What the payments actor accepts. */
    sealed interface PaymentMsg {
        record Charge(String orderId, long cents) implements PaymentMsg {
        }

        record Refundable(String orderId, ActorRef<Boolean> replyTo) implements PaymentMsg {
        }
    }

    /** Something the real payments actor needs and the tests never provide: it must not be created. */
    interface PaymentGateway {
        void charge(String orderId, long cents);
    }

    @RtActor(name = "payments")
    static final class PaymentActor implements Actor<PaymentMsg> {
        private final PaymentGateway gateway;

        PaymentActor(PaymentGateway gateway) {
            this.gateway = gateway;
        }

        @Override
        public void onMessage(PaymentMsg message, ActorContext<PaymentMsg> ctx) {
            if (message instanceof PaymentMsg.Charge charge) {
                gateway.charge(charge.orderId(), charge.cents());
            } else if (message instanceof PaymentMsg.Refundable refundable) {
                refundable.replyTo().tell(false);
            }
        }
    }

    /** Replies to every request with "pong" after a configured delay, by timer. */
    @RtActor(name = "echo")
    static final class EchoActor implements Actor<EchoActor.Ping> {
        record Ping(ActorRef<String> replyTo) {
        }

        private record Due(ActorRef<String> replyTo) {
        }

        @Override
        public void onMessage(Ping message, ActorContext<Ping> ctx) {
            message.replyTo().tell("pong");
        }
    }

    /** Sends a reminder to itself after a minute and then reports to the payments actor. */
    @RtActor(name = "reminder")
    static final class ReminderActor implements Actor<String> {
        private final ActorRef<PaymentMsg> payments;

        ReminderActor(@Qualifier("payments") ActorRef<PaymentMsg> payments) {
            this.payments = payments;
        }

        @Override
        public void onMessage(String orderId, ActorContext<String> ctx) {
            if (orderId.startsWith("due:")) {
                payments.tell(new PaymentMsg.Charge(orderId.substring(4), 100));
            } else {
                ctx.timers().startSingleTimer(orderId, "due:" + orderId, Duration.ofMinutes(1));
            }
        }
    }

    /** Plain application code that talks to the actor through its injected ref. */
    static final class CheckoutService {
        private final ActorRef<PaymentMsg> payments;

        CheckoutService(ActorRef<PaymentMsg> payments) {
            this.payments = payments;
        }

        void checkout(String orderId, long cents) {
            payments.tell(new PaymentMsg.Charge(orderId, cents));
        }

        CompletableFuture<Boolean> refundable(String orderId) {
            return payments.ask(replyTo -> new PaymentMsg.Refundable(orderId, replyTo), Duration.ofSeconds(10));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({PaymentActor.class, EchoActor.class, ReminderActor.class, CheckoutService.class})
    static class Application {
    }
}
