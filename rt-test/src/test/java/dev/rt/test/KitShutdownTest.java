package dev.rt.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.Actor;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The kit's own end-of-test checks, driven by hand (no JUnit extension). */
class KitShutdownTest {

    @Test
    void closeKeepsBothFailuresWhenTheDeadLetterCheckAndTheShutdownFail() {
        CountDownLatch release = new CountDownLatch(1);
        ActorTestKit kit = ActorTestKit.builder().name("both-fail").build();
        Thread rogue = new Thread(() -> awaitQuietly(release), "rt-both-fail-rogue");
        rogue.setDaemon(true);
        try {
            ActorRef<String> actor = kit.spawn("short-lived", () -> (Actor<String>) (m, ctx) -> { });
            kit.stop(actor);
            actor.tell("lost");
            kit.awaitAssert(() -> assertThat(kit.deadLetters().all()).isNotEmpty());
            rogue.start();

            assertThatThrownBy(kit::close)
                    .hasMessageStartingWith("1 unexpected dead letter(s): [STOPPED to /user/short-lived: lost")
                    .satisfies(thrown -> assertThat(thrown.getSuppressed()).singleElement()
                            .satisfies(suppressed -> assertThat(suppressed).hasMessageContaining(
                                    "Runtime threads still alive: [rt-both-fail-rogue")));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSendRefusedBecauseTheKitShutsTheSystemDownIsNotTheTestsDeadLetter() {
        ActorTestKit kit = ActorTestKit.create();
        CountDownLatch refused = new CountDownLatch(1);
        ActorRef<String> busy = kit.spawn("busy", () -> (Actor<String>) (m, ctx) -> awaitQuietly(refused));
        Thread outsider = new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> kit.system().state() != ActorSystem.State.RUNNING);
            busy.tell("from outside, while draining"); // refused: the system is shutting down
            refused.countDown();
        }, "outsider");
        outsider.start();
        busy.tell("hold the drain until the outsider has sent");

        kit.close();

        assertThat(refused.getCount()).isZero();
        assertThat(kit.deadLetters().all()).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
