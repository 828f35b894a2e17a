package dev.rt;

import static dev.rt.TestSupport.LONG;
import static dev.rt.TestSupport.failure;
import static dev.rt.TestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.MailboxConfig.Backpressure;
import dev.rt.TestSupport.ScriptActor;
import dev.rt.monitor.RingBufferRuntimeListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input is refused with a clear exception and leaves the system working. */
class BadInputTest {

    private ActorSystem system;
    private final AtomicInteger probes = new AtomicInteger();

    @BeforeEach
    void setUp() {
        system = ActorSystem.create(TestSupport.uniqueName("bad-input"));
    }

    @AfterEach
    void tearDown() {
        system.terminate(Duration.ofSeconds(10));
    }

    /** A new actor in the system still answers an ask. */
    private void assertSystemStillWorks() {
        ActorRef<Object> fresh = system.spawn("probe-" + probes.incrementAndGet(), ScriptActor::new);
        assertThat(TestSupport.<String>call(fresh, ctx -> "still working")).isEqualTo("still working");
    }

    @Test
    void aNullMessageIsRefusedWithAClearMessage() {
        ActorRef<Object> ref = system.spawn("target", ScriptActor::new);

        assertThatThrownBy(() -> ref.tell(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("message must not be null").hasMessageContaining("/user/target");
        assertThatThrownBy(() -> ref.tell(null, ref)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("message must not be null");
        assertThatThrownBy(() -> ref.tell(null, null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("message must not be null");
        assertThatThrownBy(() -> ref.offer(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("message must not be null");
        assertThat(system.deadLetters().total()).isZero();
        assertThat(TestSupport.<String>call(ref, ctx -> "the target too")).isEqualTo("the target too");
        assertSystemStillWorks();
    }

    @Test
    void aRequestFunctionReturningNullFailsTheAsk() {
        ActorRef<Object> ref = system.spawn("target", ScriptActor::new);
        assertThat(failure(ref.ask(replyTo -> null, LONG))).isInstanceOf(NullPointerException.class);
        assertSystemStillWorks();
    }

    static String[] invalidNames() {
        return new String[] {"", "a/b", "/", "with space", " lead", "$reserved", "tab\tname", "ümlaut", "x".repeat(256)};
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void invalidNamesAreRefused(String name) {
        assertThatThrownBy(() -> system.spawn(name, ScriptActor::new))
                .isInstanceOf(InvalidActorNameException.class);
        ActorRef<Object> parent = system.spawn("parent", ScriptActor::new);
        assertThat(run(parent, ctx -> ctx.spawn(name, ScriptActor::new)).error())
                .isInstanceOf(InvalidActorNameException.class);
        assertSystemStillWorks();
    }

    @Test
    void aNullNameIsRefused() {
        assertThatThrownBy(() -> system.spawn(null, ScriptActor::new)).isInstanceOf(InvalidActorNameException.class);
        assertSystemStillWorks();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z9", "order-1", "with_underscore", "dots.and:colons", "at@plus+eq=tilde~"})
    void validNamesAreAccepted(String name) {
        ActorRef<Object> ref = system.spawn(name, ScriptActor::new);
        assertThat(ref.address().path()).isEqualTo("/user/" + name);
        assertThat(ref.address().name()).isEqualTo(name);
    }

    @Test
    void aNameOf255CharactersIsTheLongestAccepted() {
        String longest = "n".repeat(255);
        assertThat(system.spawn(longest, ScriptActor::new).address().name()).isEqualTo(longest);
        assertThatThrownBy(() -> system.spawn(longest + "n", ScriptActor::new))
                .isInstanceOf(InvalidActorNameException.class).hasMessageContaining("255");
    }

    @Test
    void aDuplicateSiblingNameIsRefused() {
        ActorRef<Object> first = system.spawn("twin", ScriptActor::new);
        assertThatThrownBy(() -> system.spawn("twin", ScriptActor::new))
                .isInstanceOf(DuplicateActorNameException.class).hasMessageContaining("twin");

        assertThat(run(first, ctx -> ctx.spawn("kid", ScriptActor::new)).error()).isNull();
        assertThat(run(first, ctx -> ctx.spawn("kid", ScriptActor::new)).error())
                .isInstanceOf(DuplicateActorNameException.class);
        ActorRef<Object> other = system.spawn("other", ScriptActor::new);
        assertThat(run(other, ctx -> ctx.spawn("kid", ScriptActor::new)).error())
                .as("the same name under another parent is fine").isNull();
        assertThat(system.lookup("/user/twin")).contains(first);
        assertSystemStillWorks();
    }

    @Test
    void spawningOnATerminatedSystemIsRefused() {
        ActorSystem other = ActorSystem.create(TestSupport.uniqueName("terminated"));
        assertThat(other.terminate(LONG)).isTrue();
        assertThatThrownBy(() -> other.spawn("late", ScriptActor::new))
                .isInstanceOf(ActorSystemTerminatedException.class);
        assertSystemStillWorks();
    }

    @Test
    void aFactoryThatReturnsNullIsAnInitializationError() {
        Supplier<Actor<Object>> nothing = () -> null;
        assertThatThrownBy(() -> system.spawn("null-factory", nothing))
                .isInstanceOf(ActorInitializationException.class).hasMessageContaining("/user/null-factory");
        assertThat(system.lookup("/user/null-factory")).isEmpty();
        assertThat(system.spawn("null-factory", ScriptActor::new)).as("the name was not taken").isNotNull();
        assertSystemStillWorks();
    }

    @Test
    void aFactoryThatThrowsIsAnInitializationError() {
        IllegalStateException cause = new IllegalStateException("no database");
        Supplier<Actor<Object>> throwing = () -> {
            throw cause;
        };
        assertThatThrownBy(() -> system.spawn("throwing-factory", throwing))
                .isInstanceOf(ActorInitializationException.class).hasCause(cause);
        ActorRef<Object> parent = system.spawn("parent", ScriptActor::new);
        assertThat(run(parent, ctx -> ctx.spawn("child", throwing)).error())
                .isInstanceOf(ActorInitializationException.class);
        assertThat(system.spawn("throwing-factory", ScriptActor::new)).as("the name was not taken").isNotNull();
        assertSystemStillWorks();
    }

    @Test
    void anUnknownDispatcherIsRefused() {
        assertThatThrownBy(() -> system.spawn("lost", ScriptActor::new,
                SpawnOptions.defaults().withDispatcher("no-such-dispatcher")))
                .isInstanceOf(UnknownDispatcherException.class)
                .hasMessageContaining("no-such-dispatcher");
        assertThat(system.lookup("/user/lost")).isEmpty();
        assertSystemStillWorks();
    }

    @Test
    void invalidMailboxConfigsAreRefused() {
        assertThatThrownBy(() -> MailboxConfig.bounded(0, Backpressure.FAIL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailboxConfig.bounded(-1, Backpressure.DROP_NEWEST))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailboxConfig.boundedBlocking(4, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailboxConfig.boundedBlocking(4, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailboxConfig.bounded(4, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SpawnOptions.defaults().withMailbox(null)).isInstanceOf(NullPointerException.class);
        assertSystemStillWorks();
    }

    @Test
    void invalidDispatcherConfigsAreRefused() {
        assertThatThrownBy(() -> DispatcherConfig.workStealing(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DispatcherConfig.blocking(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DispatcherConfig.workStealing(1).withThroughput(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdleStrategy(Duration.ofNanos(-1), Duration.ZERO, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdleStrategy(Duration.ZERO, Duration.ofNanos(-1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdleStrategy(Duration.ZERO, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdleStrategy(Duration.ofNanos(-1), Duration.ZERO, Duration.ZERO, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linger");
        assertThatThrownBy(() -> new IdleStrategy(null, Duration.ZERO, Duration.ZERO, Duration.ofMillis(1)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("linger");
        assertThatThrownBy(() -> ActorSystem.builder("b").dispatcher("bad name", DispatcherConfig.blocking(1)))
                .isInstanceOf(InvalidActorNameException.class);
        assertSystemStillWorks();
    }

    @Test
    void invalidBuilderAndCallValuesAreRefused() {
        assertThatThrownBy(() -> ActorSystem.builder("bad name")).isInstanceOf(InvalidActorNameException.class);
        assertThatThrownBy(() -> ActorSystem.builder("b").askTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActorSystem.builder("b").shutdownTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActorSystem.builder("b").schedulerTick(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActorSystem.builder("b").sampleEvery(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActorSystem.builder("b").sampleEvery(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RingBufferRuntimeListener(0)).isInstanceOf(IllegalArgumentException.class);

        ActorRef<Object> ref = system.spawn("target", ScriptActor::new);
        assertThatThrownBy(() -> ref.tell("m", null, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ref.ask(replyTo -> "m", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ref.ask(replyTo -> "m", Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(system.deadLetters().total()).isZero();
        assertSystemStillWorks();
    }

    @Test
    void stoppingSomethingThatIsNotAnActorOfTheSystemIsRefused() {
        ActorSystem other = ActorSystem.create(TestSupport.uniqueName("other"));
        try {
            ActorRef<Object> foreign = other.spawn("foreign", ScriptActor::new);
            assertThatThrownBy(() -> system.stop(foreign)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> system.stop(new TestSupport.Probe<>("probe")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> system.stop(null)).isInstanceOf(NullPointerException.class);
            assertThat(other.lookup("/user/foreign")).contains(foreign);
        } finally {
            other.terminate(LONG);
        }
        assertSystemStillWorks();
    }
}
