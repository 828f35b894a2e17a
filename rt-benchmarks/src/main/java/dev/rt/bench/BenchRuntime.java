package dev.rt.bench;

/**
 * One runtime under test (rt, or Pekko typed in one of its configurations) behind the few operations the
 * benchmarks need. Each benchmark class picks the runtime from its {@code runtime} parameter, so one JMH
 * run measures every runtime with the same harness code; within a fork only one implementation is ever
 * loaded, so the calls below stay monomorphic and inline.
 *
 * <p>Both runtimes get the same actor logic and the same message objects (pre-allocated where the
 * protocol allows), so the measured difference is the runtimes' own work: enqueueing, scheduling,
 * envelopes, supervision, lifecycle.
 */
abstract class BenchRuntime implements AutoCloseable {

    /** rt with its defaults: a work-stealing dispatcher with one thread per core. */
    static final String RT = "rt";
    /** Pekko typed with its default dispatcher sized to the cores (fork-join, parallelism = cores). */
    static final String PEKKO = "pekko";
    /** Pekko typed with its stock configuration (fork-join, parallelism-min 8). */
    static final String PEKKO_DEFAULT = "pekko-default";

    static BenchRuntime create(String runtime, String name) {
        return switch (runtime) {
            case RT -> new RtRuntime(name);
            case PEKKO -> new PekkoRuntime(name, true);
            case PEKKO_DEFAULT -> new PekkoRuntime(name, false);
            default -> throw new IllegalArgumentException("unknown runtime '" + runtime + "'; use " + RT + ", "
                    + PEKKO + " or " + PEKKO_DEFAULT);
        };
    }

    /** @return an actor that increments the {@link Progress} it receives, and the way to tell it */
    abstract Sink counter();

    /** @return two actors that bounce a message between them */
    abstract PingPong pingPong();

    /**
     * @param workers how many worker actors the coordinator forks to
     * @return a coordinator with its workers
     */
    abstract ForkJoin forkJoin(int workers);

    /** @return an actor that answers every request, and the way to ask it from a plain thread */
    abstract Asker asker();

    /** @return something that spawns top-level actors from a plain thread and stops them again */
    abstract Spawner spawner();

    /** @return an actor that fails on every message and is restarted by its supervision */
    abstract Restarter restarter();

    /** @return an actor that fails on every message under a supervisor that restarts it */
    abstract Restarter supervisedRestarter();

    /**
     * Spawns idle top-level actors without keeping their refs (only the runtime holds them) and returns
     * once all have started. One shared stateless actor/behavior serves them all.
     *
     * @param count how many
     */
    abstract void spawnIdle(int count);

    /**
     * @param routees how many counting actors
     * @return a round-robin pool router over counting actors, and counting actors to tell directly
     */
    abstract Fanout fanout(int routees);

    private long names;

    /**
     * A fresh short actor name ({@code a1}, {@code a2}, ... in base 36), never reused. Both runtimes
     * spawn many actors by name rather than anonymously: rt's {@code spawnAnonymous} currently rejects
     * its own generated names, and using the same names for Pekko keeps the comparison even.
     *
     * @return the name
     */
    final String nextName() {
        return "a" + Long.toString(++names, 36);
    }

    /** Terminates the actor system and waits for its threads. */
    @Override
    public abstract void close();

    /** Counting actors reached through a round-robin pool router or directly. */
    interface Fanout {
        /** @param progress sent through the router */
        void viaRouter(Progress progress);

        /**
         * @param index which actor
         * @param progress sent straight to it
         */
        void direct(int index, Progress progress);
    }

    /** Fire-and-forget to one counting actor. */
    interface Sink {
        /** @param progress the message; the actor increments it */
        void tell(Progress progress);
    }

    /** Two actors exchanging a message back and forth. */
    interface PingPong {
        /**
         * Runs round trips and returns when the last reply arrived.
         *
         * @param roundTrips how many
         */
        void run(int roundTrips) throws InterruptedException;
    }

    /** A coordinator that keeps one request in flight to each of its workers. */
    interface ForkJoin {
        /**
         * Sends {@code requests} requests spread over the workers; each worker answers each request.
         * Returns when every answer has arrived.
         *
         * @param requests total requests (each has one reply)
         */
        void run(int requests) throws InterruptedException;
    }

    /** Request-response from a non-actor thread. */
    interface Asker {
        /** @return the reply */
        Object ask();
    }

    /** Spawns and stops top-level actors from a non-actor thread. */
    interface Spawner {
        /**
         * Spawns actors and returns once every one of them has started (run its start hook).
         *
         * @param count how many
         */
        void spawnAndAwaitStarted(int count);

        /** Stops every actor spawned so far and returns once all have stopped. */
        void stopAllAndAwait();
    }

    /** An actor whose every message fails and is followed by a restart. */
    interface Restarter {
        /**
         * Sends failing messages and returns once each has caused a restart.
         *
         * @param failures how many
         */
        void failAndAwaitRestarts(int failures);
    }

    /** Thrown by the failing actors of both runtimes; shared and stackless so its cost is the same everywhere. */
    static final class Boom extends RuntimeException {
        static final Boom INSTANCE = new Boom();

        private Boom() {
            super("boom (benchmark failure)", null, false, false);
        }
    }
}
