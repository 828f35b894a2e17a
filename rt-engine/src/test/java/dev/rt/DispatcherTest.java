package dev.rt;

import static dev.rt.TestSupport.LONG;
import static dev.rt.TestSupport.call;
import static dev.rt.TestSupport.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.TestSupport.Gate;
import dev.rt.TestSupport.ScriptActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Actors run on the dispatcher their options name. */
class DispatcherTest {

    private final List<Gate> gates = new ArrayList<>();
    private ActorSystem system;

    @AfterEach
    void tearDown() {
        gates.forEach(Gate::open);
        if (system != null) {
            system.terminate(Duration.ofSeconds(10));
        }
    }

    private static String threadOf(ActorRef<Object> ref) {
        return call(ref, ctx -> Thread.currentThread().getName());
    }

    @Test
    void actorsRunOnTheDefaultDispatcherUnlessToldOtherwise() {
        system = ActorSystem.create(TestSupport.uniqueName("dispatch"));
        ActorRef<Object> ref = system.spawn("default", ScriptActor::new);
        ActorRef<Object> child = call(ref, ctx -> ctx.spawn("child", ScriptActor::new));

        assertThat(threadOf(ref)).startsWith("rt-" + system.name() + "-default-");
        assertThat(threadOf(child)).startsWith("rt-" + system.name() + "-default-");
    }

    @Test
    void theBlockingDispatcherIsChosenByName() {
        system = ActorSystem.create(TestSupport.uniqueName("dispatch"));
        SpawnOptions blocking = SpawnOptions.defaults().withDispatcher(ActorSystem.BLOCKING_DISPATCHER);
        ActorRef<Object> ref = system.spawn("blocking", ScriptActor::new, blocking);
        ActorRef<Object> child = call(ref, ctx -> ctx.spawn("child", ScriptActor::new, blocking));

        assertThat(blocking.dispatcher()).isEqualTo("blocking");
        assertThat(threadOf(ref)).startsWith("rt-" + system.name() + "-").contains("-blocking-");
        assertThat(threadOf(child)).contains("-blocking-");
    }

    @Test
    void aCustomDispatcherFromTheBuilderIsUsedByName() {
        system = ActorSystem.builder(TestSupport.uniqueName("dispatch"))
                .dispatcher("io", DispatcherConfig.blocking(2))
                .build();
        ActorRef<Object> ref = system.spawn("io", ScriptActor::new, SpawnOptions.defaults().withDispatcher("io"));

        assertThat(threadOf(ref)).startsWith("rt-" + system.name() + "-io-");
    }

    @Test
    void actorsBlockedOnTheirOwnDispatcherDoNotHoldUpTheOthers() {
        system = ActorSystem.builder(TestSupport.uniqueName("dispatch"))
                .dispatcher("io", DispatcherConfig.blocking(2))
                .build();
        SpawnOptions io = SpawnOptions.defaults().withDispatcher("io");
        for (int i = 0; i < 2; i++) {
            Gate gate = new Gate();
            gates.add(gate);
            system.spawn("blocked-" + i, ScriptActor::new, io).tell(gate);
            gate.awaitEntered();
        }

        ActorRef<Object> free = system.spawn("free", ScriptActor::new);
        assertThat(threadOf(free)).contains("-default-");
    }

    @Test
    void aWorkStealingDispatcherThatParksWhenIdleStillDelivers() {
        system = ActorSystem.builder(TestSupport.uniqueName("dispatch"))
                .dispatcher("default", DispatcherConfig.workStealing(2).withIdle(IdleStrategy.PARK))
                .build();
        ActorRef<Object> ping = system.spawn("ping", ScriptActor::new);
        ActorRef<Object> pong = system.spawn("pong", () -> new ScriptActor() {
            @Override
            void handle(Object message, ActorContext<Object> ctx) {
                ctx.sender().tell(message);
            }
        });

        // Sequential round trips: each one needs a parked worker to wake up.
        for (int i = 0; i < 200; i++) {
            int n = i;
            assertThat(TestSupport.<Object>result(pong.ask(replyTo -> n, LONG))).isEqualTo(n);
        }
        List<CompletableFuture<Object>> burst = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int n = i;
            burst.add(pong.ask(replyTo -> n, LONG));
        }
        for (int i = 0; i < burst.size(); i++) {
            assertThat(result(burst.get(i))).isEqualTo(i);
        }
        assertThat(threadOf(ping)).contains("-default-");
    }

    @Test
    void dispatcherConfigsCarryTheirSettings() {
        DispatcherConfig ws = DispatcherConfig.workStealing(3);
        assertThat(ws.kind()).isEqualTo(DispatcherConfig.Kind.WORK_STEALING);
        assertThat(ws.parallelism()).isEqualTo(3);
        assertThat(ws.throughput()).isEqualTo(DispatcherConfig.DEFAULT_THROUGHPUT);
        assertThat(ws.idle()).isEqualTo(IdleStrategy.BACKOFF);
        assertThat(ws.withThroughput(1).throughput()).isEqualTo(1);
        assertThat(ws.withIdle(IdleStrategy.PARK).idle()).isEqualTo(IdleStrategy.PARK);
        assertThat(DispatcherConfig.blocking(4).kind()).isEqualTo(DispatcherConfig.Kind.BLOCKING);
        assertThat(DispatcherConfig.workStealing().parallelism())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
