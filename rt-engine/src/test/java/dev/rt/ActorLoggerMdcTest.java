package dev.rt;

import static dev.rt.TestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.TestSupport.ScriptActor;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** {@link ActorContext#log()}: the actor's logger and the actor path in the MDC. */
class ActorLoggerMdcTest {

    private ActorSystem system;

    @BeforeEach
    void setUp() {
        // One thread, so consecutive actors run on the same thread and MDC leaks would show.
        system = ActorSystem.builder(TestSupport.uniqueName("mdc"))
                .dispatcher("single", DispatcherConfig.workStealing(1))
                .build();
    }

    @AfterEach
    void tearDown() {
        system.terminate(Duration.ofSeconds(10));
    }

    private ActorRef<Object> spawn(String name) {
        return system.spawn(name, ScriptActor::new, SpawnOptions.defaults().withDispatcher("single"));
    }

    @Test
    void logPutsTheActorPathInTheMdcWhileHandling() {
        ActorRef<Object> parent = spawn("logger");
        ActorRef<Object> child = call(parent, ctx -> ctx.spawn("child", ScriptActor::new,
                SpawnOptions.defaults().withDispatcher("single")));

        List<String> seen = call(parent, ctx -> {
            String before = MDC.get(ActorCell.MDC_KEY);
            Logger log = ctx.log();
            log.info("handling a message");
            return Arrays.asList(before, MDC.get("rt.actor"));
        });
        String childSees = call(child, ctx -> {
            ctx.log().debug("child");
            return MDC.get("rt.actor");
        });

        assertThat(seen).containsExactly(null, "/user/logger");
        assertThat(childSees).isEqualTo("/user/logger/child");
    }

    @Test
    void theMdcDoesNotLeakToTheNextActorOnTheSameThread() {
        ActorRef<Object> first = spawn("first");
        ActorRef<Object> second = spawn("second");

        String firstThread = call(first, ctx -> {
            ctx.log().info("first");
            return Thread.currentThread().getName();
        });
        List<String> secondSees = call(second, ctx -> Arrays.asList(Thread.currentThread().getName(), MDC.get("rt.actor")));

        assertThat(secondSees.get(0)).as("same thread").isEqualTo(firstThread);
        assertThat(secondSees.get(1)).isNull();
    }

    @Test
    void theLoggerIsNamedAfterTheActorClass() {
        ActorRef<Object> ref = spawn("named");
        String loggerName = call(ref, ctx -> ctx.log().getName());
        assertThat(loggerName).isEqualTo(ScriptActor.class.getName());
    }
}
