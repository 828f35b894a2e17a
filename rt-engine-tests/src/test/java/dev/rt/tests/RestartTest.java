package dev.rt.tests;

import static dev.rt.tests.TestSupport.LONG;
import static dev.rt.tests.TestSupport.eventually;
import static dev.rt.tests.TestSupport.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.FailureAction;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.test.ActorTestKit;
import dev.rt.test.DeadLetterProbe;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.TestSupport.Gate;
import dev.rt.tests.TestSupport.Recorder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link Actor#onFailure} leads to: restart, resume or stop. */
/** Every test here fails a handler on purpose: its message is a FAILED dead letter each time. */
@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class RestartTest {

    private final Gate gate = new Gate();
    private ActorTestKit kit;
    private ActorSystem system;
    private DeadLetterProbe deadLetters;

    @BeforeEach
    void setUp(ActorTestKit kit) {
        this.kit = kit;
        system = kit.system();
        deadLetters = kit.deadLetters();
    }

    @AfterEach
    void tearDown() {
        gate.open();
    }

    static final String BOOM = "boom";
    static final String INC = "inc";

    /** Replies "instance:count". */
    record Get(ActorRef<String> replyTo) {
    }

    /**
     * Counts {@link #INC}, throws on {@link #BOOM}, blocks on a {@link Gate}, logs its lifecycle and every
     * other message as "event#instance".
     */
    static class Counting implements Actor<Object> {
        final int instance;
        final FailureAction action;
        final Recorder<String> log;
        int count;

        Counting(int instance, FailureAction action, Recorder<String> log) {
            this.instance = instance;
            this.action = action;
            this.log = log;
        }

        @Override
        public void preStart(ActorContext<Object> ctx) {
            log.add("preStart#" + instance);
        }

        @Override
        public void postStop(ActorContext<Object> ctx) {
            log.add("postStop#" + instance);
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
            if (message instanceof Gate g) {
                g.block();
            } else if (BOOM.equals(message)) {
                throw new IllegalStateException("boom in #" + instance);
            } else if (INC.equals(message)) {
                count++;
            } else if (message instanceof Get get) {
                get.replyTo().tell(instance + ":" + count);
            } else {
                log.add(message + "#" + instance);
            }
        }

        @Override
        public FailureAction onFailure(Throwable error, Object message) {
            log.add("onFailure#" + instance + ":" + message + ":" + error.getMessage());
            return action == null ? Actor.super.onFailure(error, message) : action;
        }
    }

    private final AtomicInteger factoryCalls = new AtomicInteger();
    private final Recorder<String> log = new Recorder<>();

    private Supplier<Actor<Object>> factory(FailureAction action) {
        return () -> new Counting(factoryCalls.incrementAndGet(), action, log);
    }

    private String get(ActorRef<Object> ref) {
        return result(ref.<String>ask(Get::new, LONG));
    }

    @Test
    void restartMakesAFreshInstanceFromTheFactory() {
        ActorRef<Object> ref = system.spawn("restart", factory(FailureAction.RESTART));
        ref.tell(INC);
        ref.tell(INC);
        assertThat(get(ref)).isEqualTo("1:2");

        ref.tell(BOOM);

        assertThat(get(ref)).as("fresh instance, fresh state").isEqualTo("2:0");
        assertThat(factoryCalls.get()).isEqualTo(2);
        assertThat(log.snapshot()).containsExactly("preStart#1", "onFailure#1:boom:boom in #1", "postStop#1",
                "preStart#2");
        assertThat(system.lookup("/user/restart")).contains(ref);
    }

    @Test
    void theDefaultEscalateRestartsWhenThereIsNoSupervisor() {
        ActorRef<Object> ref = system.spawn("escalate", factory(null));
        ref.tell(INC);
        ref.tell(BOOM);

        assertThat(get(ref)).isEqualTo("2:0");
        assertThat(factoryCalls.get()).isEqualTo(2);
        assertThat(kit.events().events()).filteredOn(e -> e instanceof RuntimeEvent.ActorFailed)
                .singleElement()
                .satisfies(e -> assertThat(((RuntimeEvent.ActorFailed) e).action()).isEqualTo(FailureAction.ESCALATE));
        assertThat(kit.events().events()).filteredOn(e -> e instanceof RuntimeEvent.ActorRestarted)
                .extracting(RuntimeEvent::actor).containsExactly(ref.address());
    }

    @Test
    void restartKeepsQueuedMessagesInOrderAndDeadLettersTheFailingOne() {
        ActorRef<Object> ref = system.spawn("keeps-mailbox", factory(FailureAction.RESTART));
        ref.tell(gate);
        gate.awaitEntered();
        ref.tell(BOOM);
        for (int i = 1; i <= 5; i++) {
            ref.tell("m" + i);
        }
        gate.open();

        assertThat(get(ref)).isEqualTo("2:0");
        assertThat(log.snapshot()).containsExactly("preStart#1", "onFailure#1:boom:boom in #1", "postStop#1",
                "preStart#2", "m1#2", "m2#2", "m3#2", "m4#2", "m5#2");
        assertThat(deadLetters.withReason(DeadLetterReason.FAILED)).singleElement().satisfies(letter -> {
            assertThat(letter.message()).isEqualTo(BOOM);
            assertThat(letter.detail()).contains("boom in #1");
        });
        assertThat(deadLetters.all()).hasSize(1);
    }

    @Test
    void resumeKeepsTheInstanceAndItsState() {
        ActorRef<Object> ref = system.spawn("resume", factory(FailureAction.RESUME));
        ref.tell(INC);
        ref.tell(BOOM);
        ref.tell(INC);

        assertThat(get(ref)).isEqualTo("1:2");
        assertThat(factoryCalls.get()).isEqualTo(1);
        assertThat(log.snapshot()).containsExactly("preStart#1", "onFailure#1:boom:boom in #1");
        assertThat(deadLetters.messages(DeadLetterReason.FAILED)).containsExactly(BOOM);
    }

    @Test
    void stopStopsTheActorAndDeadLettersTheRest() {
        ActorRef<Object> ref = system.spawn("stop", factory(FailureAction.STOP));
        ref.tell(gate);
        gate.awaitEntered();
        ref.tell(BOOM);
        ref.tell("m1");
        ref.tell("m2");
        gate.open();

        deadLetters.expect(DeadLetterReason.STOPPED, 2);
        assertThat(deadLetters.messages(DeadLetterReason.FAILED)).containsExactly(BOOM);
        assertThat(deadLetters.messages(DeadLetterReason.STOPPED)).containsExactly("m1", "m2");
        eventually().until(() -> system.lookup("/user/stop").isEmpty());
        assertThat(log.snapshot()).containsExactly("preStart#1", "onFailure#1:boom:boom in #1", "postStop#1");
        assertThat(factoryCalls.get()).isEqualTo(1);
    }

    @Test
    void aFailureInPreStartStopsTheActor() {
        ActorRef<Object> ref = system.spawn("bad-start", () -> new Actor<Object>() {
            @Override
            public void preStart(ActorContext<Object> ctx) {
                throw new IllegalStateException("cannot start");
            }

            @Override
            public void onMessage(Object message, ActorContext<Object> ctx) {
            }
        });

        eventually().until(() -> system.lookup("/user/bad-start").isEmpty());
        assertThat(kit.events().events()).filteredOn(e -> e instanceof RuntimeEvent.ActorFailed)
                .singleElement()
                .satisfies(e -> {
                    RuntimeEvent.ActorFailed failed = (RuntimeEvent.ActorFailed) e;
                    assertThat(failed.actor()).isEqualTo(ref.address());
                    assertThat(failed.action()).isEqualTo(FailureAction.STOP);
                    assertThat(failed.message()).isEqualTo("cannot start");
                });
    }

    @Test
    void aFactoryThatFailsOnRestartStopsTheActor() {
        AtomicInteger calls = new AtomicInteger();
        ActorRef<Object> ref = system.spawn("no-second-life", () -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("no more instances");
            }
            return new Counting(1, FailureAction.RESTART, log);
        });
        ref.tell(BOOM);
        ref.tell("after");

        eventually().until(() -> system.lookup("/user/no-second-life").isEmpty());
        assertThat(calls.get()).isEqualTo(2);
        assertThat(deadLetters.expect(DeadLetterReason.STOPPED, 1)).extracting(DeadLetter::message)
                .containsExactly("after");
        assertThat(log.snapshot()).containsExactly("preStart#1", "onFailure#1:boom:boom in #1", "postStop#1");
    }

    @Test
    void aRestartStopsTheChildrenAndTheNewInstanceMayRecreateThem() {
        Recorder<String> childLog = new Recorder<>();
        AtomicInteger parents = new AtomicInteger();
        ActorRef<Object> parent = system.spawn("parent", () -> {
            int instance = parents.incrementAndGet();
            return new Counting(instance, FailureAction.RESTART, log) {
                @Override
                public void preStart(ActorContext<Object> ctx) {
                    super.preStart(ctx);
                    ctx.spawn("child", () -> new Counting(instance, FailureAction.RESTART, childLog));
                }
            };
        });
        eventually().until(() -> system.lookup("/user/parent/child").isPresent());
        ActorRef<Object> firstChild = system.<Object>lookup("/user/parent/child").orElseThrow();

        parent.tell(BOOM);

        assertThat(get(parent)).isEqualTo("2:0");
        ActorRef<Object> secondChild = system.<Object>lookup("/user/parent/child").orElseThrow();
        assertThat(secondChild).isNotSameAs(firstChild);
        assertThat(childLog.awaitSize(3)).as("the old child stopped before the new parent instance started")
                .containsExactly("preStart#1", "postStop#1", "preStart#2");
    }
}
