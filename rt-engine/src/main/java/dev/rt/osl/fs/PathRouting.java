package dev.rt.osl.fs;

import dev.rt.Actor;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.ChildSpec;
import dev.rt.SpawnOptions;
import dev.rt.Supervisor;
import dev.rt.SupervisorSpec;
import java.util.function.Supplier;

/**
 * How requests reach the workers; the only class that knows, so it can move to the engine's router when
 * that exists. Today: a pool of workers on the blocking dispatcher and a front {@link FileSystemRouter},
 * all children of the service's supervisor; the worker for a request is chosen by consistent
 * (rendezvous) hashing of its normalised path, so one path always goes to the same worker (its
 * operations stay in order) while different paths spread over the pool and run in parallel.
 *
 * <p>Paths that name the same file through a symbolic link inside the root, and the target of a move,
 * are not ordered against each other.
 */
final class PathRouting {

    static final String ROUTER = "router";

    private final String[] workers;
    private volatile Supervisor supervisor;

    PathRouting(int poolSize) {
        this.workers = new String[poolSize];
        for (int i = 0; i < poolSize; i++) {
            workers[i] = workerName(i);
        }
    }

    static String workerName(int index) {
        return "worker-" + index;
    }

    /** Adds the workers, then the front router, to the service's supervisor. */
    void addChildren(SupervisorSpec.Builder spec, Supplier<? extends Actor<FileSystemRequest>> workerFactory) {
        SpawnOptions blocking = SpawnOptions.defaults().withDispatcher(ActorSystem.BLOCKING_DISPATCHER);
        for (String name : workers) {
            spec.child(ChildSpec.actor(name, workerFactory).options(blocking));
        }
        spec.child(ChildSpec.actor(ROUTER, () -> new FileSystemRouter(this)));
    }

    /** Called once the supervisor exists, before any request can arrive. */
    void attach(Supervisor running) {
        this.supervisor = running;
    }

    /** @return the ref requests are sent to */
    ActorRef<FileSystemRequest> front() {
        return supervisor.<FileSystemRequest>child(ROUTER)
                .orElseThrow(() -> new IllegalStateException("the file service's router is not running"));
    }

    /** @return the live worker for the operation's path, or {@code null} while it is being replaced */
    ActorRef<FileSystemRequest> workerFor(FileSystemOperation operation) {
        int index = workerIndex(RelativePath.routingKey(operation.path()), workers.length);
        return supervisor.<FileSystemRequest>child(workers[index]).orElse(null);
    }

    /**
     * Rendezvous hashing: the worker with the highest score for the key. Adding or removing a worker
     * moves only the keys that worker wins or held.
     *
     * @param key the normalised path
     * @param count how many workers
     * @return the chosen worker, {@code 0 <= index < count}
     */
    static int workerIndex(String key, int count) {
        long hash = 0xcbf29ce484222325L; // FNV-1a over the UTF-16 code units
        for (int i = 0; i < key.length(); i++) {
            hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
        }
        int best = 0;
        long bestScore = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            long score = mix(hash + 0x9E3779B97F4A7C15L * (i + 1));
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
