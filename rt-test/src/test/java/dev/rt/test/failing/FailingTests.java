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
            replies.expectMessage("pong", Duration.ofMillis(100));
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

    /** Returns while an actor is still working on the message that will be lost. */
    @ActorTest
    public static class LateDeadLetter {
        @Test
        void losesAMessageJustAfterReturning(ActorTestKit kit) {
            ActorRef<String> gone = kit.spawn("gone", () -> (Actor<String>) (m, ctx) -> { });
            kit.stop(gone);
            ActorRef<String> slow = kit.spawn("slow", () -> (Actor<String>) (m, ctx) -> {
                // still busy when the test body has returned: it sends only once the kit shuts the system down
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> kit.system().state() != dev.rt.ActorSystem.State.RUNNING);
                gone.tell("late");
            });
            slow.tell("go");
        }
    }

    /** Leaves a thread of the system's runtime alive after the system terminated. */
    public static class LeakedRuntimeThread {
        public static final CountDownLatch RELEASE = new CountDownLatch(1);

        @RegisterExtension
        final ActorTestKitExtension rt = ActorTestKitExtension.of(() -> ActorTestKit.builder()
                .name("leaky-system").build());

        @Test
        void leavesAThread() {
            rt.kit().spawn("worker", () -> (Actor<String>) (m, ctx) -> { });
            Thread rogue = new Thread(() -> {
                try {
                    RELEASE.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rt-leaky-system-rogue");
            rogue.setDaemon(true);
            rogue.start();
        }
    }

    /** Asks for a per-test kit in the constructor, which the default lifecycle cannot give. */
    @ActorTest
    public static class ConstructorInjectionPerMethod {
        private final ActorTestKit kit;

        public ConstructorInjectionPerMethod(ActorTestKit kit) {
            this.kit = kit;
        }

        @Test
        void neverRuns() {
            kit.createProbe();
        }
    }
}
