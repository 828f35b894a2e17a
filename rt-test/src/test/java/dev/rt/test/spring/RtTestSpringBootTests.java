package dev.rt.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.TestProbe;
import dev.rt.test.spring.Shop.CheckoutService;
import dev.rt.test.spring.Shop.PaymentMsg;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = Shop.Application.class, properties = "rt.system-name=shop")
@RtTest(probes = "payments")
class RtTestSpringBootTests {

    @Autowired
    CheckoutService checkout;

    @Autowired
    @Qualifier("payments")
    TestProbe<PaymentMsg> payments;

    @Autowired
    ActorSystem system;

    @Test
    void theInjectedRefOfAProbedActorReachesTheProbe() {
        checkout.checkout("order-1", 4200);

        assertThat(payments.expectMessageClass(PaymentMsg.Charge.class))
                .isEqualTo(new PaymentMsg.Charge("order-1", 4200));
        payments.expectNoMessage();
    }

    @Test
    void anAskThroughTheInjectedRefIsAnsweredByTheTest() throws Exception {
        CompletableFuture<Boolean> refundable = checkout.refundable("order-2");

        PaymentMsg.Refundable request = payments.expectMessageClass(PaymentMsg.Refundable.class);
        request.replyTo().tell(true);

        assertThat(refundable.get()).isTrue();
    }

    @Test
    void theKitIsAttachedToTheContextsSystem(ActorTestKit kit) {
        assertThat(kit.system()).isSameAs(system);
        assertThat(system.lookup("/user/payments")).isPresent();
        TestProbe<String> replies = kit.createProbe();
        ActorRef<Shop.EchoActor.Ping> echo = system.<Shop.EchoActor.Ping>lookup("/user/echo").orElseThrow();

        echo.tell(new Shop.EchoActor.Ping(replies));

        replies.expectMessage("pong");
    }

    @Test
    void deadLettersOfTheContextAreExpectedLikeAnywhereElse(ActorTestKit kit) {
        ActorRef<String> gone = kit.spawn("gone", () -> (message, ctx) -> { });
        kit.stop(gone);
        gone.tell("late");
        DeadLetter letter = kit.deadLetters().expect(DeadLetterReason.STOPPED, "late");

        assertThat(letter.recipient().path()).isEqualTo("/user/gone");
        assertThat(kit.deadLetters().unexpected()).isEmpty();
    }
}
