package dev.rt.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.spring.autoconfigure.RtAutoConfiguration;
import dev.rt.test.ActorTestKit;
import dev.rt.test.ManualTime;
import dev.rt.test.TestProbe;
import dev.rt.test.spring.Shop.PaymentMsg;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RtTestSetupTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class))
            .withUserConfiguration(Shop.PaymentActor.class, Shop.EchoActor.class, Shop.ReminderActor.class,
                    Shop.CheckoutService.class);

    @Test
    void swapsAnActorForAProbeInAContextRunner() {
        runner.withInitializer(RtTestSetup.create().probes("payments")).run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(Shop.CheckoutService.class).checkout("order-7", 99);

            TestProbe<PaymentMsg> payments = RtTestSetup.probe(context, "payments");
            payments.expectMessage(new PaymentMsg.Charge("order-7", 99));
            RtTestSetup.kit(context).verify();
        });
    }

    @Test
    void messagesStillInTheRelayWhenATestEndsDoNotReachTheNextTestsProbe() {
        runner.withInitializer(RtTestSetup.create().probes("payments")).run(context -> {
            TestProbe<PaymentMsg> payments = RtTestSetup.probe(context, "payments");
            ActorRef<PaymentMsg> relay = RtTestSetup.kit(context).system().<PaymentMsg>lookup("/user/payments")
                    .orElseThrow();
            for (int i = 0; i < 50_000; i++) {
                relay.tell(new PaymentMsg.Charge("last-test-" + i, i)); // most still queued at the relay
            }

            context.getBean(RtTestProbes.class).clear(); // what RtTestExtension does before the next test

            payments.expectNoMessage();
            relay.tell(new PaymentMsg.Charge("next-test", 1));
            payments.expectMessage(new PaymentMsg.Charge("next-test", 1));
        });
    }

    @Test
    void withoutTheProbeTheRealActorNeedsItsDependency() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("PaymentGateway"));
    }

    @Test
    void manualTimeDrivesTheTimersOfTheContextsActors() {
        runner.withInitializer(RtTestSetup.create().probes("payments").manualTime()).run(context -> {
            ManualTime time = context.getBean(ManualTime.class);
            TestProbe<PaymentMsg> payments = RtTestSetup.probe(context, "payments");
            ActorTestKit kit = RtTestSetup.kit(context);
            ActorRef<String> reminder = kit.system().<String>lookup("/user/reminder").orElseThrow();

            reminder.tell("order-9");
            kit.awaitAssert(() -> assertThat(time.scheduledCount()).isEqualTo(1));
            time.advance(Duration.ofSeconds(59));
            payments.expectNoMessage();
            time.advance(Duration.ofSeconds(1));

            payments.expectMessage(new PaymentMsg.Charge("order-9", 100));
        });
    }

    @Test
    void aProbeForAnUnknownActorFailsStartupNamingTheDeclaredOnes() {
        runner.withInitializer(RtTestSetup.create().probes("paymnets", "payments")).run(context -> assertThat(context)
                .hasFailed().getFailure().hasMessageContaining("@RtTest(probes) names [paymnets], but no "
                        + "@RtActor running on its own has that name; declared: [echo, payments, reminder]"));
    }

    @Test
    void asksForAProbeThatWasNotSetUpAreRefused() {
        runner.withInitializer(RtTestSetup.create().probes("payments")).run(context ->
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> RtTestSetup.probe(context, "echo"))
                        .hasMessageContaining("actor 'echo' is not replaced by a probe; probed: [payments]"));
    }

    @Test
    void setupsWithTheSameProbesAreEqualSoContextsAreShared() {
        assertThat(RtTestSetup.create().probes("a", "b")).isEqualTo(RtTestSetup.create().probes("b").probes("a"))
                .isNotEqualTo(RtTestSetup.create().probes("a", "b").manualTime());
    }
}
