package dev.rt.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@ActorTest
class TestProbeTest {

    /** Replies to {@code replyTo} with the text upper-cased, as the sender it saw. */
    record Shout(String text, ActorRef<String> replyTo) {
    }

    static final class Shouter implements Actor<Shout> {
        @Override
        public void onMessage(Shout message, ActorContext<Shout> ctx) {
            message.replyTo().tell(message.text().toUpperCase(), ctx.self());
        }
    }

    @Test
    void expectsMessagesInOrderAndKnowsTheirSender(ActorTestKit kit) {
        ActorRef<Shout> shouter = kit.spawn("shouter", Shouter::new);
        TestProbe<String> probe = kit.createProbe();

        shouter.tell(new Shout("a", probe));
        shouter.tell(new Shout("b", probe));

        assertThat(probe.expectMessage("A")).isEqualTo("A");
        assertThat(probe.lastSender().address()).isEqualTo(shouter.address());
        assertThat(probe.expectMessageClass(String.class)).isEqualTo("B");
        probe.expectNoMessage();
    }

    @Test
    void receivesSeveralMessages(ActorTestKit kit) {
        TestProbe<Integer> probe = kit.createProbe();
        for (int i = 0; i < 5; i++) {
            probe.tell(i);
        }
        assertThat(probe.receiveMessages(3)).containsExactly(0, 1, 2);
        assertThat(probe.receiveMessage()).isEqualTo(3);
        assertThat(probe.receiveMessages(1)).containsExactly(4);
    }

    @Test
    void fishesPastMessagesItDoesNotCareAbout(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        List.of("tick", "progress 50", "tick", "progress 100", "done").forEach(probe::tell);

        List<String> kept = probe.fishForMessage(Duration.ofSeconds(5), message -> switch (message) {
            case "done" -> FishingOutcome.complete();
            case "tick" -> FishingOutcome.ignore();
            default -> FishingOutcome.continueAndKeep();
        });

        assertThat(kept).containsExactly("progress 50", "progress 100", "done");
        probe.expectNoMessage();
    }

    @Test
    void canBeAskedLikeAnyActor(ActorTestKit kit) throws Exception {
        TestProbe<Shout> probe = kit.createProbe();
        var reply = probe.<String>ask(replyTo -> new Shout("hi", replyTo), Duration.ofSeconds(5));

        Shout request = probe.expectMessageClass(Shout.class);
        request.replyTo().tell("HI");

        assertThat(reply.get()).isEqualTo("HI");
    }

    @Test
    void seesAWatchedActorTerminate(ActorTestKit kit) {
        ActorRef<Shout> shouter = kit.spawn("doomed", Shouter::new);
        TestProbe<Object> watcher = kit.createProbe().watch(shouter);

        kit.system().stop(shouter);

        watcher.expectTerminated(shouter);
    }

    @Test
    void awaitAssertRetriesUntilTheConditionHolds(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        ActorRef<Shout> shouter = kit.spawn("later", Shouter::new);
        shouter.tell(new Shout("x", probe));
        probe.awaitAssert(() -> assertThat(kit.system().stats(shouter).delivered()).isEqualTo(1));
        probe.expectMessage("X");
    }

    @Test
    void saysWhatCameInsteadOfTheExpectedMessage(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe("replies");
        probe.tell("pong");

        assertThatThrownBy(() -> probe.expectMessage("ping"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("TestProbe /user/testProbe-")
                .hasMessageContaining("-replies: expected message ping, but received pong");
    }

    @Test
    void saysHowLongItWaitedWhenNothingCame(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();

        assertThatThrownBy(() -> probe.expectMessage("ping", Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("expected message ping within 50 ms, but received none");
        assertThatThrownBy(() -> probe.receiveMessages(2, Duration.ofMillis(50)))
                .hasMessageEndingWith("expected 2 messages within 50 ms, but received 0: []");
    }

    @Test
    void namesTheClassItGotInstead(ActorTestKit kit) {
        TestProbe<Object> probe = kit.createProbe();
        probe.tell(42);

        assertThatThrownBy(() -> probe.expectMessageClass(String.class))
                .hasMessageEndingWith("expected a message of java.lang.String, but received 42 (java.lang.Integer)");
    }

    @Test
    void namesTheMessageThatShouldNotHaveCome(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        probe.tell("surprise");

        assertThatThrownBy(() -> probe.expectNoMessage(Duration.ofMillis(200)))
                .hasMessageEndingWith("expected no message within 200 ms, but received surprise");
    }

    @Test
    void reportsAFishThatNeverBites(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        probe.tell("tick");
        probe.tell("error: disk full");

        assertThatThrownBy(() -> probe.fishForMessage(Duration.ofSeconds(5),
                m -> m.startsWith("error") ? FishingOutcome.fail("the job failed") : FishingOutcome.ignore()))
                .hasMessageEndingWith("fishing failed at error: disk full: the job failed");
        assertThatThrownBy(() -> probe.fishForMessage(Duration.ofMillis(50), m -> FishingOutcome.ignore()))
                .hasMessageContaining("fished for 50 ms without completing");
    }

    @Test
    void reportsAnActorThatDidNotTerminate(ActorTestKit kit) {
        ActorRef<Shout> alive = kit.spawn("alive", Shouter::new);
        TestProbe<Object> watcher = kit.createProbe().watch(alive);

        assertThatThrownBy(() -> watcher.expectTerminated(alive, Duration.ofMillis(50)))
                .hasMessageContaining("expected /user/alive to terminate within 50 ms, but it did not");
    }

    @Test
    void awaitAssertGivesUpWithTheLastFailure(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        assertThatThrownBy(() -> probe.awaitAssert(Duration.ofMillis(50), () -> assertThat(1).isEqualTo(2)))
                .hasMessageStartingWith("assertion still failing after 50 ms")
                .hasMessageContaining("expected: 2");
    }

    @Test
    void hasNoLastSenderBeforeAMessage(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        assertThatThrownBy(probe::lastSender).hasMessageContaining("no message has been received yet");
    }

    @Test
    void watchingNullIsRefusedAndTheProbeKeepsWorking(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();

        assertThatThrownBy(() -> probe.watch(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("actor to watch");
        probe.tell("still here");
        probe.expectMessage("still here");
    }

    @Test
    void aFisherThatReturnsNullGetsAClearError(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        probe.tell("tick");

        assertThatThrownBy(() -> probe.fishForMessage(Duration.ofSeconds(5), message -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("the fisher returned null for tick; return FishingOutcome.complete()");
    }
}
