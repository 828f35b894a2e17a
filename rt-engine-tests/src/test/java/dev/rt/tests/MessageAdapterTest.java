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
import dev.rt.test.ActorTestKit;
import dev.rt.test.DeadLetterProbe;
import dev.rt.test.TestProbe;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.TestSupport.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ActorContext#messageAdapter}: refs of another message type that feed the actor. */
@ActorTest
class MessageAdapterTest {

    private ActorTestKit kit;

    private ActorSystem system;
    private DeadLetterProbe deadLetters;

    @BeforeEach
    void setUp(ActorTestKit kit) {
        this.kit = kit;
        system = kit.system();
        deadLetters = kit.deadLetters();
    }

    /** The actor's own protocol; adapters turn Strings into {@link Text}. */
    sealed interface Cmd {
        /**
         * @param text the converted text
         * @param seenHandled how many Texts the actor had handled when the adapter function ran
         * @param adapterThread the thread the adapter function ran on
         */
        record Text(String text, int seenHandled, String adapterThread) implements Cmd {
        }

        record MakeAdapter(Adapter adapter, ActorRef<ActorRef<String>> replyTo) implements Cmd {
        }

        record Get(ActorRef<List<Handled>> replyTo) implements Cmd {
        }
    }

    /** An adapter function that may read the actor's state. */
    interface Adapter {
        Cmd adapt(String text, TextActor actor);
    }

    /**
     * @param text what the actor handled
     * @param seenHandled the state the adapter function saw
     * @param adapterThread where the function ran
     * @param handlerThread where onMessage ran
     * @param sender the sender the actor saw
     */
    record Handled(String text, int seenHandled, String adapterThread, String handlerThread, ActorRef<?> sender) {
    }

    /** Records what it handles; resumes after any failure. */
    static final class TextActor implements Actor<Cmd> {
        private final List<Handled> handled = new ArrayList<>();

        int handledSoFar() {
            return handled.size();
        }

        @Override
        public void onMessage(Cmd message, ActorContext<Cmd> ctx) {
            if (message instanceof Cmd.MakeAdapter make) {
                make.replyTo().tell(ctx.messageAdapter(String.class, text -> make.adapter().adapt(text, this)));
            } else if (message instanceof Cmd.Get get) {
                get.replyTo().tell(List.copyOf(handled));
            } else if (message instanceof Cmd.Text text) {
                handled.add(new Handled(text.text(), text.seenHandled(), text.adapterThread(),
                        Thread.currentThread().getName(), ctx.sender()));
            }
        }

        @Override
        public FailureAction onFailure(Throwable error, Cmd message) {
            return FailureAction.RESUME;
        }
    }

    private static Cmd.Text text(String text, TextActor actor) {
        return new Cmd.Text(text, actor.handledSoFar(), Thread.currentThread().getName());
    }

    private ActorRef<String> adapterOf(ActorRef<Cmd> actor, Adapter adapter) {
        return result(actor.<ActorRef<String>>ask(replyTo -> new Cmd.MakeAdapter(adapter, replyTo), LONG));
    }

    private List<Handled> handledBy(ActorRef<Cmd> actor) {
        return result(actor.<List<Handled>>ask(Cmd.Get::new, Duration.ofSeconds(5)));
    }

    @Test
    void adaptedMessagesReachTheActorConverted() {
        ActorRef<Cmd> actor = system.spawn("texts", TextActor::new);
        ActorRef<String> adapter = adapterOf(actor, (text, self) -> text(text.toUpperCase(), self));

        adapter.tell("hello");
        adapter.tell("world");

        eventually().until(() -> handledBy(actor).size() == 2);
        assertThat(handledBy(actor)).extracting(Handled::text).containsExactly("HELLO", "WORLD");
        assertThat(adapter.address().path()).startsWith("/user/texts/");
        assertThat(deadLetters.all()).isEmpty();
    }

    @Test
    void theAdapterFunctionRunsOnTheActorsThreadAndSeesItsState() {
        ActorRef<Cmd> actor = system.spawn("stateful", TextActor::new);
        ActorRef<String> adapter = adapterOf(actor, MessageAdapterTest::text);
        String testThread = Thread.currentThread().getName();

        adapter.tell("a");
        adapter.tell("b");
        adapter.tell("c");

        eventually().until(() -> handledBy(actor).size() == 3);
        List<Handled> handled = handledBy(actor);
        assertThat(handled).extracting(Handled::seenHandled).as("state the function saw").containsExactly(0, 1, 2);
        assertThat(handled).allSatisfy(h -> {
            assertThat(h.adapterThread()).isEqualTo(h.handlerThread()).isNotEqualTo(testThread)
                    .startsWith("rt-" + system.name() + "-default-");
        });
    }

    @Test
    void askingAgainForTheSameTypeReturnsTheSameRefWithTheNewFunction() {
        ActorRef<Cmd> actor = system.spawn("same", TextActor::new);
        ActorRef<String> first = adapterOf(actor, (text, self) -> text("v1:" + text, self));
        first.tell("a");
        eventually().until(() -> handledBy(actor).size() == 1);

        ActorRef<String> second = adapterOf(actor, (text, self) -> text("v2:" + text, self));
        first.tell("b");

        assertThat(second).isSameAs(first);
        eventually().until(() -> handledBy(actor).size() == 2);
        assertThat(handledBy(actor)).extracting(Handled::text).containsExactly("v1:a", "v2:b");
    }

    @Test
    void theSenderOfAnAdaptedMessageIsKept() {
        ActorRef<Cmd> actor = system.spawn("sender", TextActor::new);
        ActorRef<String> adapter = adapterOf(actor, MessageAdapterTest::text);
        TestProbe<Object> someone = kit.createProbe("someone");

        adapter.tell("x", someone);

        eventually().until(() -> handledBy(actor).size() == 1);
        assertThat(handledBy(actor).get(0).sender()).isSameAs(someone);
    }

    @Test
    void aThrowingAdapterFunctionIsAFailureHandledByTheActorsOnFailure() {
        ActorRef<Cmd> actor = system.spawn("fragile", TextActor::new);
        ActorRef<String> adapter = adapterOf(actor, (text, self) -> {
            if (text.equals("bad")) {
                throw new IllegalArgumentException("cannot adapt " + text);
            }
            return text(text, self);
        });

        adapter.tell("bad");
        adapter.tell("good");

        List<DeadLetter> failed = deadLetters.expect(DeadLetterReason.FAILED, 1);
        assertThat(failed).extracting(DeadLetter::message).containsExactly("bad");
        // TextActor.onFailure returns RESUME: the actor keeps handling messages.
        assertThat(handledBy(actor)).extracting(Handled::text).containsExactly("good");
        assertThat(system.lookup("/user/fragile")).isPresent();
    }

    @Test
    void messagesToTheAdapterOfAStoppedActorAreDeadLettered() {
        ActorRef<Cmd> actor = system.spawn("short-lived", TextActor::new);
        ActorRef<String> adapter = adapterOf(actor, MessageAdapterTest::text);
        system.stop(actor);
        eventually().until(() -> system.lookup("/user/short-lived").isEmpty());

        adapter.tell("too late");

        assertThat(deadLetters.messages(DeadLetterReason.STOPPED)).containsExactly("too late");
        kit.deadLetters().expect(DeadLetterReason.STOPPED, "too late");
    }

    @Test
    void adaptersOfDifferentTypesAreDifferentRefs() {
        Recorder<ActorRef<?>> refs = new Recorder<>();
        ActorRef<Object> actor = system.spawn("types", () -> (message, ctx) -> {
            refs.add(ctx.messageAdapter(String.class, Function.identity()));
            refs.add(ctx.messageAdapter(Integer.class, Function.identity()));
            refs.add(ctx.messageAdapter(String.class, s -> s + "!"));
        });
        actor.tell("go");

        List<ActorRef<?>> made = refs.awaitSize(3);
        assertThat(made.get(0)).isSameAs(made.get(2)).isNotSameAs(made.get(1));
    }
}
