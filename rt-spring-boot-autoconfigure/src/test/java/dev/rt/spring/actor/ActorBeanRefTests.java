package dev.rt.spring.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.rt.ActorAddress;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ActorBeanRefTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ActorRefs refs = new ActorRefs();

    @Test
    void refusesToSendBeforeTheContextStarts() {
        ActorBeanRef<String> ref = refs.ref("echo");
        assertThat(ref).hasToString("ActorBeanRef[echo, not started]");
        assertThatIllegalStateException().isThrownBy(() -> ref.tell("hi"))
                .withMessageContaining("actor 'echo' is not running yet");
        assertThat(refs.<String>ref("echo")).isSameAs(ref);
    }

    @Test
    void sendsToTheActorAtItsPath() throws Exception {
        try (ActorSystem system = ActorSystem.builder("refs").listener(refs).build()) {
            ActorRef<Ask> echo = system.spawn("echo", () -> (message, ctx) -> message.replyTo().tell("pong"));
            refs.attach(system, Map.of("echo", "/user/echo"));
            ActorBeanRef<Ask> ref = refs.ref("echo");

            assertThat(ref.<String>ask(Ask::new).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("pong");
            assertThat(ref.current()).isSameAs(echo);
            assertThat(ref.address()).isEqualTo(echo.address());
        }
    }

    @Test
    void followsTheActorToItsNextIncarnation() throws Exception {
        AtomicInteger incarnations = new AtomicInteger();
        try (ActorSystem system = ActorSystem.builder("refs").listener(refs).build()) {
            ActorRef<Ask> first = spawnCounting(system, incarnations);
            refs.attach(system, Map.of("echo", "/user/echo"));
            ActorBeanRef<Ask> ref = refs.ref("echo");
            assertThat(ref.<String>ask(Ask::new).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("echo#1");

            system.stop(first);
            Awaitility.await().atMost(WAIT).until(() -> system.lookup("/user/echo").isEmpty());
            ActorRef<Ask> second = spawnCounting(system, incarnations);

            assertThat(ref.<String>ask(Ask::new).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("echo#2");
            assertThat(ref.current()).isSameAs(second);
        }
    }

    @Test
    void aStopOfAnotherIncarnationKeepsTheCachedOne() {
        try (ActorSystem system = ActorSystem.builder("refs").listener(refs).build()) {
            ActorRef<Ask> echo = system.spawn("echo", () -> (message, ctx) -> { });
            refs.attach(system, Map.of("echo", "/user/echo"));
            ActorBeanRef<Ask> ref = refs.ref("echo");
            assertThat(ref.current()).isSameAs(echo);

            ref.stopped(new ActorAddress("refs", "/user/echo", echo.address().uid() + 1000));
            assertThat(ref.current()).isSameAs(echo);
        }
    }

    private static ActorRef<Ask> spawnCounting(ActorSystem system, AtomicInteger incarnations) {
        int number = incarnations.incrementAndGet();
        return system.spawn("echo", () -> (message, ctx) -> message.replyTo().tell("echo#" + number));
    }

    record Ask(ActorRef<String> replyTo) {
    }
}
