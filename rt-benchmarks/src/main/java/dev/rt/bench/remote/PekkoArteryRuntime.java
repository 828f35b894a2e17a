package dev.rt.bench.remote;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Pekko typed 1.7.0: two actor systems with Artery TCP remoting on loopback, messages in JSON through
 * Pekko's Jackson serializer (the counterpart of rt's default codec), default dispatcher sized to the
 * cores, logging off.
 */
final class PekkoArteryRuntime implements RemoteRuntime {

    /** Bound to Pekko's jackson-json serializer. */
    public interface JsonMessage {
    }

    public record Tick(long seq) implements JsonMessage {
    }

    public record Ping(long seq, ActorRef<Pong> replyTo) implements JsonMessage {
    }

    public record Pong(long seq) implements JsonMessage {
    }

    /** Local only: starts a ping-pong run. */
    record Start(int roundTrips, int inFlight, ActorRef<Ping> ponger, CountDownLatch done) {
    }

    private final org.apache.pekko.actor.ActorSystem classicA;
    private final org.apache.pekko.actor.ActorSystem classicB;
    private final ActorSystem<Void> typedA;
    private final AtomicLong received = new AtomicLong();
    private final ActorRef<Tick> sink;
    private final ActorRef<Ping> ponger;
    private final ActorRef<Object> pinger;

    PekkoArteryRuntime() {
        classicA = org.apache.pekko.actor.ActorSystem.create("a", config());
        classicB = org.apache.pekko.actor.ActorSystem.create("b", config());
        typedA = Adapter.toTyped(classicA);
        ActorSystem<Void> typedB = Adapter.toTyped(classicB);
        ActorRef<Tick> localSink = Adapter.spawn(classicB, Behaviors.receive(Tick.class)
                .onMessage(Tick.class, t -> {
                    received.incrementAndGet();
                    return Behaviors.same();
                }).build(), "sink");
        ActorRef<Ping> localPonger = Adapter.spawn(classicB, Behaviors.receive(Ping.class)
                .onMessage(Ping.class, p -> {
                    p.replyTo().tell(new Pong(p.seq()));
                    return Behaviors.same();
                }).build(), "ponger");
        ActorRefResolver onB = ActorRefResolver.get(typedB);
        ActorRefResolver onA = ActorRefResolver.get(typedA);
        sink = onA.resolveActorRef(onB.toSerializationFormat(localSink));
        ponger = onA.resolveActorRef(onB.toSerializationFormat(localPonger));
        pinger = Adapter.spawn(classicA, pinger(), "pinger");
    }

    private static Config config() {
        int cores = Runtime.getRuntime().availableProcessors();
        return ConfigFactory.parseString("""
                pekko.loglevel = "OFF"
                pekko.stdout-loglevel = "OFF"
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                pekko.actor.provider = remote
                pekko.remote.artery.transport = tcp
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = 0
                pekko.actor.serialization-bindings {
                  "dev.rt.bench.remote.PekkoArteryRuntime$JsonMessage" = jackson-json
                }
                pekko.actor.default-dispatcher {
                  executor = "fork-join-executor"
                  fork-join-executor {
                    parallelism-min = %d
                    parallelism-factor = 1.0
                    parallelism-max = %d
                  }
                }
                """.formatted(cores, cores)).withFallback(ConfigFactory.load());
    }

    private static Behavior<Object> pinger() {
        return Behaviors.setup(ctx -> {
            ActorRef<Pong> self = ctx.getSelf().narrow();
            int[] state = new int[2]; // sent, answered
            Start[] run = new Start[1];
            return Behaviors.receive(Object.class)
                    .onMessage(Start.class, start -> {
                        run[0] = start;
                        state[0] = 0;
                        state[1] = 0;
                        for (int i = 0; i < Math.min(start.inFlight(), start.roundTrips()); i++) {
                            start.ponger().tell(new Ping(state[0]++, self));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Pong.class, pong -> {
                        state[1]++;
                        if (state[1] == run[0].roundTrips()) {
                            run[0].done().countDown();
                        } else if (state[0] < run[0].roundTrips()) {
                            run[0].ponger().tell(new Ping(state[0]++, self));
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    @Override
    public void oneWay(int messages) {
        RemoteRuntime.sendWindowed(messages, received, i -> sink.tell(new Tick(i)));
    }

    @Override
    public void pingPong(int roundTrips, int inFlight) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        pinger.tell(new Start(roundTrips, inFlight, ponger, done));
        done.await();
    }

    @Override
    public Object ask() throws Exception {
        return AskPattern.<Ping, Pong>ask(ponger, reply -> new Ping(0, reply), Duration.ofSeconds(10),
                typedA.scheduler()).toCompletableFuture().get();
    }

    @Override
    public void close() {
        classicA.terminate();
        classicB.terminate();
        try {
            scala.concurrent.Await.result(classicA.whenTerminated(), scala.concurrent.duration.Duration.create(20, "s"));
            scala.concurrent.Await.result(classicB.whenTerminated(), scala.concurrent.duration.Duration.create(20, "s"));
        } catch (Exception e) {
            // the fork ends anyway
        }
    }
}
