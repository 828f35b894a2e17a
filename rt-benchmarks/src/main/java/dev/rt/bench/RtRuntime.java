package dev.rt.bench;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.FailureAction;
import dev.rt.PoolRouter;
import dev.rt.Routers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The benchmark operations on rt, with its defaults ({@code ActorSystem.builder(name).build()}). */
final class RtRuntime extends BenchRuntime {

    static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private final ActorSystem system;

    RtRuntime(String name) {
        this.system = ActorSystem.builder(name).build();
    }

    @Override
    Fanout fanout(int routees) {
        PoolRouter<Progress> pool = Routers.<Progress>pool("pool", () -> (progress, ctx) -> progress.increment())
                .size(routees).start(system);
        @SuppressWarnings("unchecked")
        ActorRef<Progress>[] direct = pool.routees().asList().toArray(new ActorRef[0]);
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
        ActorRef<Progress> counter = system.<Progress>spawn("counter", () -> (progress, ctx) -> progress.increment());
        return counter::tell;
    }

    // ---------------------------------------------------------------- ping-pong

    /** Pinger to ponger; {@code replyTo} travels in the message, as in Pekko typed. */
    record Ping(ActorRef<Object> replyTo) {
    }

    /** Ponger to pinger. */
    static final Object PONG = new Object();

    /** Benchmark thread to pinger. */
    record Start(int roundTrips, CountDownLatch done) {
    }

    static final class Pinger implements Actor<Object> {
        private final ActorRef<Ping> ponger;
        private Ping ping;
        private int remaining;
        private CountDownLatch done;

        Pinger(ActorRef<Ping> ponger) {
            this.ponger = ponger;
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
            if (message == PONG) {
                if (--remaining > 0) {
                    ponger.tell(ping);
                } else {
                    done.countDown();
                }
            } else if (message instanceof Start start) {
                if (ping == null) {
                    ping = new Ping(ctx.self());
                }
                remaining = start.roundTrips();
                done = start.done();
                ponger.tell(ping);
            }
        }
    }

    @Override
    PingPong pingPong() {
        ActorRef<Ping> ponger = system.<Ping>spawn("ponger", () -> (ping, ctx) -> ping.replyTo().tell(PONG));
        ActorRef<Object> pinger = system.<Object>spawn("pinger", () -> new Pinger(ponger));
        return roundTrips -> {
            CountDownLatch done = new CountDownLatch(1);
            pinger.tell(new Start(roundTrips, done));
            done.await();
        };
    }

    // ---------------------------------------------------------------- fork-join

    /** Coordinator to worker: one shared instance. */
    record Work(ActorRef<Object> replyTo) {
    }

    /** Worker to coordinator: one instance per worker, naming it. */
    record Done(ActorRef<Work> worker) {
    }

    /** Benchmark thread to coordinator. */
    record Run(int requests, CountDownLatch done) {
    }

    static final class Worker implements Actor<Work> {
        private Done done;

        @Override
        public void onMessage(Work work, ActorContext<Work> ctx) {
            Done reply = done;
            if (reply == null) {
                reply = done = new Done(ctx.self());
            }
            work.replyTo().tell(reply);
        }
    }

    static final class Coordinator implements Actor<Object> {
        private final ActorRef<Work>[] workers;
        private Work work;
        private int toSend;
        private int toReceive;
        private CountDownLatch finished;

        Coordinator(ActorRef<Work>[] workers) {
            this.workers = workers;
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
            if (message instanceof Done done) {
                if (toSend > 0) {
                    toSend--;
                    done.worker().tell(work);
                }
                if (--toReceive == 0) {
                    finished.countDown();
                }
            } else if (message instanceof Run run) {
                if (work == null) {
                    work = new Work(ctx.self());
                }
                toSend = run.requests();
                toReceive = run.requests();
                finished = run.done();
                for (int i = 0; i < workers.length && toSend > 0; i++, toSend--) {
                    workers[i].tell(work);
                }
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    ForkJoin forkJoin(int workerCount) {
        ActorRef<Work>[] workers = new ActorRef[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = system.spawn("worker-" + i, Worker::new);
        }
        ActorRef<Object> coordinator = system.spawn("coordinator", () -> new Coordinator(workers));
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
        ActorRef<Request> responder = system.<Request>spawn("responder",
                () -> (request, ctx) -> request.replyTo().tell(REPLY));
        return () -> responder.<Object>ask(Request::new, ASK_TIMEOUT).join();
    }

    // ---------------------------------------------------------------- spawn

    /** An idle actor that reports its start and stop. */
    static final class Idle implements Actor<Object> {
        private final AtomicLong started;
        private final AtomicLong stopped;

        Idle(AtomicLong started, AtomicLong stopped) {
            this.started = started;
            this.stopped = stopped;
        }

        @Override
        public void preStart(ActorContext<Object> ctx) {
            started.incrementAndGet();
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
        }

        @Override
        public void postStop(ActorContext<Object> ctx) {
            stopped.incrementAndGet();
        }
    }

    @Override
    Spawner spawner() {
        return new Spawner() {
            private final AtomicLong started = new AtomicLong();
            private final AtomicLong stopped = new AtomicLong();
            // Stateless, so one instance serves every actor (Pekko gets one shared behavior likewise).
            private final Idle idle = new Idle(started, stopped);
            private final Supplier<Actor<Object>> factory = () -> idle;
            private ActorRef<?>[] live = new ActorRef<?>[0];
            private int count;
            private long spawned;

            @Override
            public void spawnAndAwaitStarted(int n) {
                if (live.length < count + n) {
                    live = java.util.Arrays.copyOf(live, count + n);
                }
                for (int i = 0; i < n; i++) {
                    live[count++] = system.spawn(nextName(), factory);
                }
                long target = spawned += n;
                Waits.until(() -> started.get() >= target, "spawned rt actors to start");
            }

            @Override
            public void stopAllAndAwait() {
                for (int i = 0; i < count; i++) {
                    system.stop(live[i]);
                    live[i] = null;
                }
                count = 0;
                long target = spawned;
                Waits.until(() -> stopped.get() >= target, "rt actors to stop");
            }
        };
    }

    private final AtomicLong idleStarted = new AtomicLong();
    private final Idle sharedIdle = new Idle(idleStarted, new AtomicLong());
    private final Supplier<Actor<Object>> idleFactory = () -> sharedIdle;
    private long idleSpawned;

    @Override
    void spawnIdle(int count) {
        for (int i = 0; i < count; i++) {
            system.spawn(nextName(), idleFactory);
        }
        long target = idleSpawned += count;
        Waits.until(() -> idleStarted.get() >= target, "idle rt actors to start");
    }

    // ---------------------------------------------------------------- restart

    /** Fails on every message and asks for a restart. */
    static final class Failing implements Actor<Object> {
        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
            throw Boom.INSTANCE;
        }

        @Override
        public FailureAction onFailure(Throwable error, Object message) {
            return FailureAction.RESTART;
        }
    }

    static final Object FAIL = new Object();

    @Override
    Restarter supervisedRestarter() {
        AtomicInteger created = new AtomicInteger();
        dev.rt.Supervisor supervisor = system.supervise(dev.rt.SupervisorSpec.builder("supervisor")
                .intensity(Integer.MAX_VALUE, Duration.ofSeconds(1))
                .child("failing", () -> {
                    created.incrementAndGet();
                    return (Actor<Object>) (message, ctx) -> {
                        throw Boom.INSTANCE;
                    };
                })
                .build());
        supervisor.whenStarted().join();
        ActorRef<Object> failing = supervisor.<Object>child("failing").orElseThrow();
        return new Restarter() {
            private long expected = 1;

            @Override
            public void failAndAwaitRestarts(int failures) {
                for (int i = 0; i < failures; i++) {
                    failing.tell(FAIL);
                }
                long target = expected += failures;
                Waits.until(() -> created.get() >= target, "rt supervised restarts");
            }
        };
    }

    @Override
    Restarter restarter() {
        AtomicInteger created = new AtomicInteger();
        ActorRef<Object> failing = system.<Object>spawn("failing", () -> {
            created.incrementAndGet();
            return new Failing();
        });
        return new Restarter() {
            private long expected = 1;

            @Override
            public void failAndAwaitRestarts(int failures) {
                for (int i = 0; i < failures; i++) {
                    failing.tell(FAIL);
                }
                long target = expected += failures;
                Waits.until(() -> created.get() >= target, "rt restarts");
            }
        };
    }

    @Override
    public void close() {
        system.terminate(Duration.ofSeconds(30));
    }
}
