package dev.rt.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.test.ActorTestKit;
import dev.rt.test.ManualTime;
import dev.rt.test.TestProbe;
import dev.rt.test.spring.Shop.PaymentMsg;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

/** A full Spring Boot test whose actors' timers run on the test's {@link ManualTime}. */
@SpringBootTest(classes = Shop.Application.class, properties = "rt.system-name=shop-manual-time")
@RtTest(probes = "payments", manualTime = true)
class RtTestManualTimeSpringBootTests {

    @Autowired
    @Qualifier("payments")
    TestProbe<PaymentMsg> payments;

    @Autowired
    ActorSystem system;

    @Test
    void theReminderChargesOnlyWhenTheTestMovesTimeAMinuteOn(ActorTestKit kit, ManualTime time) {
        assertThat(kit.time()).isSameAs(time);
        ActorRef<String> reminder = system.<String>lookup("/user/reminder").orElseThrow();

        reminder.tell("order-3");
        kit.awaitAssert(() -> assertThat(time.scheduledCount()).isEqualTo(1)); // the timer is set
        time.advance(Duration.ofSeconds(59));
        payments.expectNoMessage();
        time.advance(Duration.ofSeconds(1));

        payments.expectMessage(new PaymentMsg.Charge("order-3", 100));
    }
}
