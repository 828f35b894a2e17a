package dev.rt.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.test.junit.ActorTest;
import org.junit.jupiter.api.Test;

/** With a per-class kit, the test class's constructor can take it, as {@link ActorTest} says. */
@ActorTest(lifecycle = ActorTest.Lifecycle.PER_CLASS)
class ConstructorInjectionTest {

    private final ActorTestKit fromConstructor;

    ConstructorInjectionTest(ActorTestKit kit) {
        this.fromConstructor = kit;
    }

    @Test
    void theConstructorGetsTheKitTheTestsGet(ActorTestKit kit) {
        assertThat(fromConstructor).isSameAs(kit);
    }
}
