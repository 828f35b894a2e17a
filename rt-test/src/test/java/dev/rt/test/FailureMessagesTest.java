package dev.rt.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.rt.test.failing.FailingTests;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs the tests in {@link FailingTests}, which must fail, and checks that they do and what they say. */
class FailureMessagesTest {

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    @Test
    void anUnexpectedDeadLetterFailsTheTestThatLostItAndOnlyThatOne() {
        Events events = run(FailingTests.UnexpectedDeadLetter.class);

        events.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        events.assertThatEvents()
                .haveExactly(1, event(test("losesAMessage"), finishedWithFailure(instanceOf(AssertionError.class),
                        message(m -> m.startsWith("1 unexpected dead letter(s): [STOPPED to /user/short-lived: lost")
                                && m.contains("kit.deadLetters().expect(...)")))))
                .haveExactly(1, event(test("expectsItsDeadLetterAndPasses"), finishedSuccessfully()));
    }

    @Test
    void aMissingReplyFailsWithWhatWasExpectedAndHowLongItWaited() {
        Events events = run(FailingTests.MissingReply.class);

        events.assertStatistics(stats -> stats.failed(1));
        events.assertThatEvents().haveExactly(1, event(test("waitsInVain"), finishedWithFailure(
                message(m -> m.matches("TestProbe /user/testProbe-\\d+-replies: expected message pong within 100 ms, "
                        + "but received none")))));
    }

    @Test
    void anActorStuckAtShutdownFailsTheTestNamingIt() {
        try {
            Events events = run(FailingTests.StuckActor.class);

            events.assertStatistics(stats -> stats.failed(1));
            events.assertThatEvents().haveExactly(1, event(test("blocksForever"), finishedWithFailure(message(m ->
                    m.startsWith("actor system stuck-system did not terminate within 300 ms")
                            && m.contains("Actors alive when shutdown began: [/user/stubborn]")
                            && m.contains("Runtime threads still running:")))));
        } finally {
            FailingTests.StuckActor.RELEASE.countDown();
        }
    }

    @Test
    void anActorLeftRunningInASharedSystemFailsTheTestThatStartedIt() {
        Events events = run(FailingTests.LeakedActor.class);

        events.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        events.assertThatEvents()
                .haveExactly(1, event(test("leaves"), finishedWithFailure(message(m -> m.startsWith(
                        "1 actor(s) started by this test are still running: [/user/leftover]")))))
                .haveExactly(1, event(test("cleansUp"), finishedSuccessfully()));
        assertThat(events.failed().count()).isEqualTo(1);
    }

    @Test
    void aDeadLetterOfWorkStillInFlightWhenTheTestReturnsFailsTheTest() {
        Events events = run(FailingTests.LateDeadLetter.class);

        events.assertStatistics(stats -> stats.failed(1));
        events.assertThatEvents().haveExactly(1, event(test("losesAMessageJustAfterReturning"),
                finishedWithFailure(message(m -> m.startsWith("1 unexpected dead letter(s): [STOPPED to /user/gone: "
                        + "late")))));
    }

    @Test
    void aRuntimeThreadAliveAfterTerminationFailsTheTestNamingIt() {
        try {
            Events events = run(FailingTests.LeakedRuntimeThread.class);

            events.assertStatistics(stats -> stats.failed(1));
            events.assertThatEvents().haveExactly(1, event(test("leavesAThread"), finishedWithFailure(message(m ->
                    m.startsWith("actor system leaky-system terminated but leaked: actors that never stopped: []")
                            && m.contains("Runtime threads still alive: [rt-leaky-system-rogue")))));
        } finally {
            FailingTests.LeakedRuntimeThread.RELEASE.countDown();
        }
    }

    @Test
    void aConstructorParameterWithThePerMethodLifecycleIsRejectedSayingWhatToDo() {
        Events events = run(FailingTests.ConstructorInjectionPerMethod.class);

        events.assertStatistics(stats -> stats.failed(1));
        events.assertThatEvents().haveExactly(1, event(test("neverRuns"), finishedWithFailure(message(m ->
                m.contains("an ActorTestKit exists per test: it cannot be injected into a constructor")
                        && m.contains("@ActorTest(lifecycle = PER_CLASS)")))));
    }
}
