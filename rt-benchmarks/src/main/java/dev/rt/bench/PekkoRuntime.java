package dev.rt.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The benchmark operations on Apache Pekko typed. Actors are plain {@code Behaviors.receiveMessage}
 * functions (the cheapest Java DSL form).
 *
 * <p>rt spawns top-level actors from any thread with {@code system.spawn}. A typed Pekko
 * {@code ActorSystem} does not allow that (its user guardian is a behavior; spawning would need an ask
 * to a {@code SpawnProtocol} guardian per actor). So the system is started as a classic
 * {@code ActorSystem} and the typed behaviors are spawned under {@code /user} with
 * {@link Adapter#spawn}: the documented coexistence API, synchronous like rt's spawn. Those actors run
 * exactly the typed machinery (a typed {@code ActorSystem} is itself an adapter over the classic one);
 * the typed view of the system ({@link Adapter#toTyped}) provides the scheduler for {@code AskPattern}.
 *
 * <p>Logging is off in every configuration ({@code pekko.loglevel = OFF}, no dead-letter logging) because
 * rt logs nothing here either: the benchmarks run with slf4j-nop.
 */
final class PekkoRuntime extends BenchRuntime {

    static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private static final String QUIET = """
            pekko.loglevel = "OFF"
            pekko.stdout-loglevel = "OFF"
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            """;

    private final org.apache.pekko.actor.ActorSystem classic;
    private final ActorSystem<Void> system;

    /**
     * @param name the system name
     * @param sizedToCores true: default dispatcher as a fork-join executor with parallelism = cores
     *                     (Pekko's best setup on a small machine); false: Pekko's stock configuration
     */
    PekkoRuntime(String name, boolean sizedToCores) {
        this.classic = org.apache.pekko.actor.ActorSystem.create(name, config(sizedToCores));
        this.system = Adapter.toTyped(classic);
    }

    static Config config(boolean sizedToCores) {
        String settings = QUIET;
        if (sizedToCores) {
            int cores = Runtime.getRuntime().availableProcessors();
            settings += """
                    pekko.actor.default-dispatcher {
                      executor = "fork-join-executor"
                      fork-join-executor {
                        parallelism-min = %d
                        parallelism-factor = 1.0
                        parallelism-max = %d
                      }
                    }
                    """.formatted(cores, cores);
        }
        return ConfigFactory.parseString(settings).withFallback(ConfigFactory.load());
    }

    private <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
        return Adapter.spawn(classic, behavior, name);
    }

    @Override
    Fanout fanout(int routees) {
        Behavior<Progress> counting = Behaviors.receiveMessage(progress -> {
            progress.increment();
            return Behaviors.same();
        });
        ActorRef<Progress> pool = spawn(org.apache.pekko.actor.typed.javadsl.Routers.pool(routees, counting)
                .withRoundRobinRouting(), "pool");
        @SuppressWarnings("unchecked")
        ActorRef<Progress>[] direct = new ActorRef[routees];
        for (int i = 0; i < routees; i++) {
            direct[i] = spawn(counting, "direct-" + i);
        }
        return new Fanout() {
            @Override
            public void viaRouter(Progress progress) {
                pool.tell(progress);
            }

            @Override
            public void direct(int index, Progress progress) {
                direct[index].tell(progress);
            }
        };
    }

    @Override
    Sink counter() {
        ActorRef<Progress> counter = spawn(Behaviors.<Progress>receiveMessage(progress -> {
            progress.increment();
            return Behaviors.same();
        }), "counter");
        return counter::tell;
    }

    // ---------------------------------------------------------------- ping-pong

    record Ping(ActorRef<Object> replyTo) {
    }

    static final Object PONG = new Object();

    record Start(int roundTrips, CountDownLatch done) {
    }

    static final class Pinger {
        private final ActorRef<Ping> ponger;
        private final Ping ping;
        private int remaining;
        private CountDownLatch done;

        Pinger(ActorRef<Ping> ponger, ActorRef<Object> self) {
            this.ponger = ponger;
            this.ping = new Ping(self);
        }

        Behavior<Object> onMessage(Object message) {
            if (message == PONG) {
                if (--remaining > 0) {
                    ponger.tell(ping);
                } else {
                    done.countDown();
                }
            } else if (message instanceof Start start) {
                remaining = start.roundTrips();
                done = start.done();
                ponger.tell(ping);
            }
            return Behaviors.same();
        }
    }

    @Override
    PingPong pingPong() {
        ActorRef<Ping> ponger = spawn(Behaviors.<Ping>receiveMessage(ping -> {
            ping.replyTo().tell(PONG);
            return Behaviors.same();
        }), "ponger");
        ActorRef<Object> pinger = spawn(Behaviors.<Object>setup(ctx -> {
            Pinger state = new Pinger(ponger, ctx.getSelf());
            return Behaviors.receiveMessage(state::onMessage);
        }), "pinger");
        return roundTrips -> {
            CountDownLatch done = new CountDownLatch(1);
            pinger.tell(new Start(roundTrips, done));
            done.await();
        };
    }

    // ---------------------------------------------------------------- fork-join

    record Work(ActorRef<Object> replyTo) {
    }

    record Done(ActorRef<Work> worker) {
    }

    record Run(int requests, CountDownLatch done) {
    }

    static final class Coordinator {
        private final ActorRef<Work>[] workers;
        private final Work work;
        private int toSend;
        private int toReceive;
        private CountDownLatch finished;

        Coordinator(ActorRef<Work>[] workers, ActorRef<Object> self) {
            this.workers = workers;
            this.work = new Work(self);
        }

        Behavior<Object> onMessage(Object message) {
            if (message instanceof Done done) {
                if (toSend > 0) {
                    toSend--;
                    done.worker().tell(work);
                }
                if (--toReceive == 0) {
                    finished.countDown();
                }
            } else if (message instanceof Run run) {
                toSend = run.requests();
                toReceive = run.requests();
                finished = run.done();
                for (int i = 0; i < workers.length && toSend > 0; i++, toSend--) {
                    workers[i].tell(work);
                }
            }
            return Behaviors.same();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    ForkJoin forkJoin(int workerCount) {
        Behavior<Work> worker = Behaviors.setup(ctx -> {
            Done reply = new Done(ctx.getSelf());
            return Behaviors.receiveMessage(work -> {
                work.replyTo().tell(reply);
                return Behaviors.same();
            });
        });
        ActorRef<Work>[] workers = new ActorRef[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = spawn(worker, "worker-" + i);
        }
        ActorRef<Object> coordinator = spawn(Behaviors.<Object>setup(ctx -> {
            Coordinator state = new Coordinator(workers, ctx.getSelf());
            return Behaviors.receiveMessage(state::onMessage);
        }), "coordinator");
        return requests -> {
            CountDownLatch done = new CountDownLatch(1);
            coordinator.tell(new Run(requests, done));
            done.await();
        };
    }

    // ---------------------------------------------------------------- ask

    record Request(ActorRef<Object> replyTo) {
    }

    static final Object REPLY = new Object();

    @Override
    Asker asker() {
        ActorRef<Request> responder = spawn(Behaviors.<Request>receiveMessage(request -> {
            request.replyTo().tell(REPLY);
            return Behaviors.same();
        }), "responder");
        var scheduler = system.scheduler();
        return () -> AskPattern.<Request, Object>ask(responder, Request::new, ASK_TIMEOUT, scheduler)
                .toCompletableFuture().join();
    }

    // ---------------------------------------------------------------- spawn

    /** An idle actor that reports its start and stop; one shared behavior serves every actor. */
    static Behavior<Object> idle(AtomicLong started, AtomicLong stopped) {
        Behavior<Object> receive = Behaviors.receive(
                (ctx, message) -> Behaviors.same(),
                (ctx, signal) -> {
                    if (signal instanceof PostStop) {
                        stopped.incrementAndGet();
                    }
                    return Behaviors.same();
                });
        return Behaviors.setup(ctx -> {
            started.incrementAndGet();
            return receive;
        });
    }

    @Override
    Spawner spawner() {
        return new Spawner() {
            private final AtomicLong started = new AtomicLong();
            private final AtomicLong stopped = new AtomicLong();
            private final Behavior<Object> idle = idle(started, stopped);
            private ActorRef<?>[] live = new ActorRef<?>[0];
            private int count;
            private long spawned;

            @Override
            public void spawnAndAwaitStarted(int n) {
                if (live.length < count + n) {
                    live = java.util.Arrays.copyOf(live, count + n);
                }
                for (int i = 0; i < n; i++) {
                    live[count++] = Adapter.spawn(classic, idle, nextName());
                }
                long target = spawned += n;
                Waits.until(() -> started.get() >= target, "spawned Pekko actors to start");
            }

            @Override
            public void stopAllAndAwait() {
                for (int i = 0; i < count; i++) {
                    classic.stop(Adapter.toClassic(live[i]));
                    live[i] = null;
                }
                count = 0;
                long target = spawned;
                Waits.until(() -> stopped.get() >= target, "Pekko actors to stop");
            }
        };
    }

    private final AtomicLong idleStarted = new AtomicLong();
    private final Behavior<Object> sharedIdle = idle(idleStarted, new AtomicLong());
    private long idleSpawned;

    @Override
    void spawnIdle(int count) {
        for (int i = 0; i < count; i++) {
            Adapter.spawn(classic, sharedIdle, nextName());
        }
        long target = idleSpawned += count;
        Waits.until(() -> idleStarted.get() >= target, "idle Pekko actors to start");
    }

    // ---------------------------------------------------------------- restart

    static final Object FAIL = new Object();

    @Override
    Restarter restarter() {
        return restarter("failing");
    }

    @Override
    Restarter supervisedRestarter() {
        return restarter("supervised-failing");
    }

    private Restarter restarter(String name) {
        AtomicInteger created = new AtomicInteger();
        Behavior<Object> failing = Behaviors.supervise(Behaviors.<Object>setup(ctx -> {
            created.incrementAndGet();
            return Behaviors.receiveMessage(message -> {
                throw Boom.INSTANCE;
            });
        })).onFailure(SupervisorStrategy.restart().withLoggingEnabled(false));
        ActorRef<Object> ref = spawn(failing, name);
        return new Restarter() {
            private long expected = 1;

            @Override
            public void failAndAwaitRestarts(int failures) {
                for (int i = 0; i < failures; i++) {
                    ref.tell(FAIL);
                }
                long target = expected += failures;
                Waits.until(() -> created.get() >= target, "Pekko restarts");
            }
        };
    }

    @Override
    public void close() {
        classic.terminate();
        try {
            classic.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Pekko system did not terminate", e);
        }
    }
}
