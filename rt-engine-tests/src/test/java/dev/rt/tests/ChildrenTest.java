package dev.rt.tests;

import static dev.rt.tests.TestSupport.call;
import static dev.rt.tests.TestSupport.eventually;
import static dev.rt.tests.TestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.Signal;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import dev.rt.tests.TestSupport.Recorder;
import dev.rt.tests.TestSupport.ScriptActor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Child actors: spawning, finding and stopping them. */
@ActorTest
class ChildrenTest {

    private ActorTestKit kit;

    private ActorSystem system;
    private ActorRef<Object> parent;

    @BeforeEach
    void setUp(ActorTestKit kit) {
        this.kit = kit;
        system = kit.system();
        parent = system.spawn("parent", ScriptActor::new);
    }

    private ActorRef<Object> spawnChild(ActorRef<Object> of, String name) {
        return call(of, ctx -> ctx.spawn(name, ScriptActor::new));
    }

    private List<String> childNames(ActorRef<Object> of) {
        Collection<ActorRef<?>> children = call(of, ActorContext::children);
        return children.stream().map(ref -> ref.address().name()).sorted().toList();
    }

    @Test
    void childrenLiveUnderTheirParentsPath() {
        ActorRef<Object> child = spawnChild(parent, "child");
        ActorRef<Object> grandchild = spawnChild(child, "grandchild");

        assertThat(child.address().path()).isEqualTo("/user/parent/child");
        assertThat(grandchild.address().path()).isEqualTo("/user/parent/child/grandchild");
        assertThat(child.address().system()).isEqualTo(system.name());
        assertThat(system.lookup("/user/parent/child")).contains(child);
        assertThat(system.lookup("/user/parent/child/grandchild")).contains(grandchild);
        assertThat(system.lookup("/user/parent/nobody")).isEmpty();
        assertThat(TestSupport.<String>call(grandchild, ctx -> "hi from " + ctx.self().address().name()))
                .isEqualTo("hi from grandchild");
    }

    @Test
    void aParentSeesItsChildrenByListAndByName() {
        ActorRef<Object> first = spawnChild(parent, "first");
        ActorRef<Object> second = spawnChild(parent, "second");

        assertThat(childNames(parent)).containsExactly("first", "second");
        assertThat(TestSupport.<Optional<ActorRef<?>>>call(parent, ctx -> ctx.child("first"))).contains(first);
        assertThat(TestSupport.<Optional<ActorRef<?>>>call(parent, ctx -> ctx.child("second"))).contains(second);
        assertThat(TestSupport.<Optional<ActorRef<?>>>call(parent, ctx -> ctx.child("third"))).isEmpty();
        assertThat(childNames(first)).isEmpty();
    }

    @Test
    void anonymousChildrenGetGeneratedUniqueNames() {
        ActorRef<Object> one = call(parent, ctx -> ctx.spawnAnonymous(ScriptActor::new));
        ActorRef<Object> two = call(parent, ctx -> ctx.spawnAnonymous(ScriptActor::new));

        assertThat(one.address().name()).startsWith("$");
        assertThat(two.address().name()).startsWith("$").isNotEqualTo(one.address().name());
        assertThat(system.lookup(one.address().path())).contains(one);
        assertThat(childNames(parent)).hasSize(2);
        assertThat(TestSupport.<String>call(two, ctx -> "anonymous but alive")).isEqualTo("anonymous but alive");
    }

    @Test
    void anonymousTopLevelActorsGetGeneratedUniqueNames() {
        ActorRef<Object> one = system.spawnAnonymous(ScriptActor::new);
        ActorRef<Object> two = system.spawnAnonymous(ScriptActor::new);

        assertThat(one.address().path()).startsWith("/user/$");
        assertThat(two.address().name()).isNotEqualTo(one.address().name());
        assertThat(TestSupport.<String>call(one, ctx -> "alive")).isEqualTo("alive");
    }

    @Test
    void aParentCanStopItsChild() {
        ActorRef<Object> child = spawnChild(parent, "child");

        call(parent, ctx -> {
            ctx.stop(child);
            return null;
        });

        eventually().until(() -> system.lookup("/user/parent/child").isEmpty());
        eventually().until(() -> childNames(parent).isEmpty());
        assertThat(TestSupport.<Optional<ActorRef<?>>>call(parent, ctx -> ctx.child("child"))).isEmpty();
        assertThat(system.lookup("/user/parent")).contains(parent);
    }

    @Test
    void anActorCanStopItself() {
        ActorRef<Object> child = spawnChild(parent, "child");

        call(child, ctx -> {
            ctx.stop(ctx.self());
            return null;
        });

        eventually().until(() -> system.lookup("/user/parent/child").isEmpty());
        eventually().until(() -> childNames(parent).isEmpty());
    }

    @Test
    void anActorCannotStopAnActorThatIsNotItsChild() {
        ActorRef<Object> sibling = system.spawn("sibling", ScriptActor::new);
        ActorRef<Object> child = spawnChild(parent, "child");
        ActorRef<Object> grandchild = spawnChild(child, "grandchild");

        assertThat(run(parent, ctx -> {
            ctx.stop(sibling);
            return null;
        }).error()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/user/sibling");
        assertThat(run(parent, ctx -> {
            ctx.stop(grandchild);
            return null;
        }).error()).isInstanceOf(IllegalArgumentException.class);
        assertThat(run(child, ctx -> {
            ctx.stop(parent);
            return null;
        }).error()).isInstanceOf(IllegalArgumentException.class);

        assertThat(system.lookup("/user/sibling")).contains(sibling);
        assertThat(system.lookup("/user/parent/child/grandchild")).contains(grandchild);
        assertThat(TestSupport.<String>call(sibling, ctx -> "alive")).isEqualTo("alive");
    }

    @Test
    void stoppingAParentStopsItsChildren() {
        ActorRef<Object> child = spawnChild(parent, "child");
        spawnChild(child, "grandchild");

        system.stop(parent);

        eventually().until(() -> system.lookup("/user/parent").isEmpty()
                && system.lookup("/user/parent/child").isEmpty()
                && system.lookup("/user/parent/child/grandchild").isEmpty());
    }

    /** Watches its child "worker" and, when it stops, starts a new one under the same name. */
    static final class Respawner implements Actor<Object> {
        private final Recorder<Object> outcomes;

        Respawner(Recorder<Object> outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public void preStart(ActorContext<Object> ctx) {
            ctx.watch(ctx.spawn("worker", ScriptActor::new));
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
        }

        @Override
        public void onSignal(Signal signal, ActorContext<Object> ctx) {
            try {
                outcomes.add(ctx.spawn("worker", ScriptActor::new));
            } catch (RuntimeException e) {
                outcomes.add(e);
            }
        }
    }

    @Test
    void aParentCanReuseTheNameOfAChildWhenItIsToldTheChildTerminated() {
        Recorder<Object> outcomes = new Recorder<>();
        system.spawn("respawner", () -> new Respawner(outcomes));
        eventually().until(() -> system.lookup("/user/respawner/worker").isPresent());
        ActorRef<Object> first = system.<Object>lookup("/user/respawner/worker").orElseThrow();

        system.stop(first);

        Object outcome = outcomes.awaitSize(1).get(0);
        assertThat(outcome).as("spawning a child with the name of the child that just terminated")
                .isInstanceOf(ActorRef.class);
        assertThat(system.lookup("/user/respawner/worker")).get().isSameAs(outcome).isNotSameAs(first);
    }
}
