package dev.rt.bench.remote;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.remote.nats.NatsRemoting;
import io.nats.client.Options;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** rt: two actor systems, each a NatsRemoting node with its own connection to one nats-server. */
final class RtNatsRuntime implements RemoteRuntime {

    /** One-way message. */
    public record Tick(long seq) {
    }

    /** Ping with its reply ref, as Pekko typed protocols carry it. */
    public record Ping(long seq, ActorRef<Pong> replyTo) {
    }

    /** The answer. */
    public record Pong(long seq) {
    }

    /** Starts a ping-pong run on node A (local message). */
    record Start(int roundTrips, int inFlight, ActorRef<Ping> ponger, CountDownLatch done) {
    }

    private final NatsServerProcess server;
    private final ActorSystem systemA;
    private final ActorSystem systemB;
    private final NatsRemoting a;
    private final NatsRemoting b;
    private final AtomicLong received = new AtomicLong();
    private final ActorRef<Tick> sink;
    private final ActorRef<Ping> ponger;
    private final ActorRef<Object> pinger;

    RtNatsRuntime() throws Exception {
        server = new NatsServerProcess();
        systemA = ActorSystem.create("a");
        systemB = ActorSystem.create("b");
        a = node(systemA, "a");
        b = node(systemB, "b");
        systemB.spawn("sink", () -> (Tick tick, ActorContext<Tick> ctx) -> received.incrementAndGet());
        systemB.spawn("ponger", () -> (Ping ping, ActorContext<Ping> ctx) -> ping.replyTo().tell(new Pong(ping.seq())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (a.members().size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        sink = a.ref("b", "/user/sink");
        ponger = a.ref("b", "/user/ponger");
        pinger = systemA.spawn("pinger", Pinger::new);
    }

    private NatsRemoting node(ActorSystem system, String id) {
        return NatsRemoting.builder(system, id)
                .options(new Options.Builder().server(server.url()).build())
                .cluster("bench")
                .jetStream(false)
                .register(Tick.class, Ping.class, Pong.class)
                .start();
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
        return ponger.<Pong>ask(reply -> new Ping(0, reply), Duration.ofSeconds(10)).get();
    }

    @Override
    public void close() {
        a.close();
        b.close();
        systemA.terminate(Duration.ofSeconds(10));
        systemB.terminate(Duration.ofSeconds(10));
        server.close();
    }

    /** Keeps {@code inFlight} pings out until {@code roundTrips} pongs came back. */
    private static final class Pinger implements Actor<Object> {
        private Start run;
        private int sent;
        private int answered;

        @Override
        @SuppressWarnings("unchecked")
        public void onMessage(Object message, ActorContext<Object> ctx) {
            ActorRef<Pong> self = (ActorRef<Pong>) (ActorRef<?>) ctx.self();
            if (message instanceof Start start) {
                run = start;
                sent = 0;
                answered = 0;
                for (int i = 0; i < Math.min(start.inFlight(), start.roundTrips()); i++) {
                    start.ponger().tell(new Ping(sent++, self));
                }
            } else if (message instanceof Pong) {
                answered++;
                if (answered == run.roundTrips()) {
                    run.done().countDown();
                } else if (sent < run.roundTrips()) {
                    run.ponger().tell(new Ping(sent++, self));
                }
            }
        }
    }
}
