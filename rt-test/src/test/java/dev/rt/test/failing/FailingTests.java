package dev.rt.test.failing;

import dev.rt.Actor;
import dev.rt.ActorRef;
import dev.rt.test.ActorTestKit;
import dev.rt.test.TestProbe;
import dev.rt.test.junit.ActorTest;
import dev.rt.test.junit.ActorTestKitExtension;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tests that must fail, each for one reason the testkit catches. They are excluded from the build's own
 * run and executed by {@code FailureMessagesTest}, which checks that they fail and how.
 */
public final class FailingTests {

    private FailingTests() {
    }

    /** Drops a message on a stopped actor and never expects it. */
    @ActorTest
    public static class UnexpectedDeadLetter {
        @Test
        void losesAMessage(ActorTestKit kit) {
            ActorRef<String> actor = kit.spawn("short-lived", () -> (Actor<String>) (m, ctx) -> { });
            kit.stop(actor);
            actor.tell("lost");
            kit.awaitAssert(() -> org.assertj.core.api.Assertions.assertThat(kit.deadLetters().all()).isNotEmpty());
        }

        @Test
        void expectsItsDeadLetterAndPasses(ActorTestKit kit) {
            ActorRef<String> actor = kit.spawn("short-lived", () -> (Actor<String>) (m, ctx) -> { });
            kit.stop(actor);
            actor.tell("lost");
            kit.deadLetters().expect(dev.rt.monitor.DeadLetterReason.STOPPED, "lost");
        }
    }

    /** Waits for a reply that never comes. */
    @ActorTest
    public static class MissingReply {
        @Test
        void waitsInVain(ActorTestKit kit) {
            TestProbe<String> replies = kit.createProbe("replies");
            replies.expectMessage(Duration.ofMillis(100), "pong");
        }
    }

    /** Leaves an actor stuck in its handler past the shutdown timeout. */
    public static class StuckActor {
        public static final CountDownLatch RELEASE = new CountDownLatch(1);

        @RegisterExtension
        final ActorTestKitExtension rt = ActorTestKitExtension.of(() -> ActorTestKit.builder()
                .name("stuck-system")
                .settings(dev.rt.test.TestKitSettings.load().withTimeFactor(1)
                        .withShutdownTimeout(Duration.ofMillis(300)))
                .build());

        @Test
        void blocksForever() {
            ActorRef<String> actor = rt.kit().spawn("stubborn", () -> (Actor<String>) (m, ctx) -> {
                RELEASE.await(30, TimeUnit.SECONDS);
            });
            actor.tell("block");
            rt.kit().awaitAssert(() -> org.assertj.core.api.Assertions.assertThat(
                    rt.kit().system().stats(actor).delivered() + rt.kit().system().mailboxStats(actor).dequeued())
                    .isPositive());
        }
    }

    /** Shares a system and leaves an actor running after the first test. */
    @ActorTest(lifecycle = ActorTest.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    public static class LeakedActor {
        @Test
        @Order(1)
        void leaves(ActorTestKit kit) {
            kit.spawn("leftover", () -> (Actor<String>) (m, ctx) -> { });
            kit.createProbe("stopped-by-the-kit");
        }

        @Test
        @Order(2)
        void cleansUp(ActorTestKit kit) {
            ActorRef<String> actor = kit.spawn("tidy", () -> (Actor<String>) (m, ctx) -> { });
            kit.stop(actor);
        }
    }
}
