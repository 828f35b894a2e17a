package dev.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run queue per worker plus a {@code runNext} slot; idle workers steal.
 *
 * <p>Locality: an actor scheduled from a worker (a message sent by another actor, or an actor that
 * yields after its batch) goes to that worker's {@code runNext} slot and runs right after the current
 * one, on a warm cache and without waking anybody: the exchange between two actors stays on one core.
 * A thief takes a {@code runNext} task only when the same task has sat there longer than a grace
 * period (its owner is busy with a long handler). After {@value #RUN_NEXT_STREAK} {@code runNext}
 * turns in a row the worker serves its queue, so a chatty pair cannot starve other actors. Work from
 * outside goes to a random queue and may wake a worker.
 *
 * <p>An actor whose mailbox runs dry keeps its worker for the {@link IdleStrategy#linger() linger} time
 * while nothing else is queued there: a sender slightly slower than the actor then only enqueues, where
 * it would otherwise pay for a new turn every few messages.
 *
 * <p>Idle workers follow the {@link IdleStrategy}: at most one spins at a time, the others park. A
 * submitter to a queue wakes a parked worker only when none spins. The counters are volatile and a
 * worker re-checks the queues after announcing that it parks, so a submission is never missed.
 */
final class WorkStealingDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WorkStealingDispatcher.class);
    private static final int LOCAL_QUEUE_CAPACITY = 1 << 13;
    static final int RUN_NEXT_STREAK = 32;
    /** How long another worker's next task must sit untouched before a thief may take it. */
    private static final long RUN_NEXT_GRACE_NANOS = 5_000;
    /** How long a worker parks while another worker holds a next task, so a stuck one is found. */
    private static final long RUN_NEXT_PARK_NANOS = 1_000_000;
    /**
     * Spin pauses between two looks at a lingering actor's mailbox (about 0.4 µs here). A consumer that
     * looks more often keeps taking the cache lines a fast producer is writing: looking after every pause
     * halved a single producer's rate, after every 8 it cost a fifth (measured).
     */
    private static final int LINGER_PAUSES = 16;
    private static final VarHandle RUN_NEXT;
    private static final VarHandle PARKED_FLAG;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RUN_NEXT = lookup.findVarHandle(Worker.class, "runNext", Runnable.class);
            PARKED_FLAG = lookup.findVarHandle(Worker.class, "parkedFlag", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final int throughput;
    private final long lingerNanos;
    private final long spinNanos;
    private final long yieldNanos;
    private final long maxParkNanos;
    private final Worker[] workers;
    /** Takes what a full local queue cannot; rarely used. */
    private final Queue<Runnable> overflow = new ConcurrentLinkedQueue<>();
    private final AtomicInteger spinning = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();
    private volatile boolean shutdown;

    WorkStealingDispatcher(String name, String threadPrefix, DispatcherConfig config) {
        this.name = name;
        this.throughput = config.throughput();
        this.lingerNanos = config.idle().linger().toNanos();
        this.spinNanos = config.idle().spin().toNanos();
        this.yieldNanos = config.idle().yield().toNanos();
        this.maxParkNanos = config.idle().maxPark().toNanos();
        this.workers = new Worker[config.parallelism()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i, threadPrefix + (i + 1));
        }
        for (Worker worker : workers) {
            worker.start();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int throughput() {
        return throughput;
    }

    @Override
    public void execute(Runnable task) {
        if (Thread.currentThread() instanceof Worker w && w.owner() == this) {
            w.pushNext(task);
            return;
        }
        Worker target = workers[workers.length == 1 ? 0 : ThreadLocalRandom.current().nextInt(workers.length)];
        enqueue(target, task);
    }

    @Override
    public void reschedule(Runnable task) {
        if (Thread.currentThread() instanceof Worker w && w.owner() == this) {
            if (w.runNext == null && w.queue.isEmpty()) {
                w.pushNext(task); // nothing waits here: keep the actor on this core
            } else {
                enqueue(w, task);
            }
            return;
        }
        execute(task);
    }

    private void enqueue(Worker target, Runnable task) {
        if (!target.queue.offer(task)) {
            overflow.offer(task);
        }
        if (spinning.get() == 0 && parked.get() > 0) {
            wakeOne();
        }
    }

    @Override
    public boolean lingerOn(PendingWork actor) {
        // Kept small: every turn that drains its mailbox comes here, mostly to leave at once.
        return lingerNanos != 0 && Thread.currentThread() instanceof Worker w && w.owner() == this && !w.hasWork()
                && linger(w, actor);
    }

    private boolean linger(Worker w, PendingWork actor) {
        w.lingeringOn = actor;
        try {
            long deadline = System.nanoTime() + lingerNanos;
            do {
                for (int i = 0; i < LINGER_PAUSES; i++) {
                    Thread.onSpinWait();
                }
                if (w.hasWork()) {
                    return false; // other actors wait for this thread
                }
                if (actor.hasPendingWork()) {
                    return true;
                }
            } while (System.nanoTime() - deadline < 0);
            return false;
        } finally {
            w.lingeringOn = null;
        }
    }

    @Override
    public boolean isLingeringOn(PendingWork actor) {
        for (Worker worker : workers) {
            if (worker.lingeringOn == actor) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isWorkerThread() {
        return Thread.currentThread() instanceof Worker w && w.owner() == this;
    }

    private void wakeOne() {
        for (Worker worker : workers) {
            if (worker.parkedFlag == 1 && worker.claimWake()) {
                LockSupport.unpark(worker);
                return;
            }
        }
    }

    private boolean hasQueuedWork() {
        for (Worker worker : workers) {
            if (!worker.queue.isEmpty()) {
                return true;
            }
        }
        return !overflow.isEmpty();
    }

    private boolean anyRunNext() {
        for (Worker worker : workers) {
            if (worker.runNext != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void shutdown() {
        shutdown = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker);
        }
    }

    @Override
    public void shutdownNow() {
        shutdown();
        for (Worker worker : workers) {
            worker.interrupt();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Worker worker : workers) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(worker, left);
            }
            if (worker.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private final class Worker extends Thread implements RuntimeThread {
        private final int index;
        private final MpmcVarHandleArrayQueue<Runnable> queue = new MpmcVarHandleArrayQueue<>(LOCAL_QUEUE_CAPACITY);
        /** The task to run next; set by this worker, taken by it or (after the grace period) by a thief. */
        private volatile Runnable runNext;
        /** The actor this worker lingers on, for observers that ask whether it is busy. */
        private volatile PendingWork lingeringOn;
        /** 1 while parked and not yet claimed by a waker. */
        private volatile int parkedFlag;
        private int streak;
        // What this worker, when it spins, last saw in each other worker's runNext slot, and since when.
        private final Runnable[] seenNext;
        private final long[] seenSince;

        Worker(int index, String threadName) {
            super(threadName);
            this.index = index;
            this.seenNext = new Runnable[workers.length];
            this.seenSince = new long[workers.length];
            setDaemon(true);
        }

        WorkStealingDispatcher owner() {
            return WorkStealingDispatcher.this;
        }

        /** @return whether another actor waits for this worker, or the dispatcher shuts down */
        boolean hasWork() {
            return runNext != null || !queue.isEmpty() || shutdown;
        }

        boolean claimWake() {
            return PARKED_FLAG.compareAndSet(this, 1, 0);
        }

        void pushNext(Runnable task) {
            Runnable displaced = (Runnable) RUN_NEXT.getAndSet(this, task);
            if (displaced != null) {
                enqueue(this, displaced);
            }
        }

        private Runnable takeNext() {
            return runNext == null ? null : (Runnable) RUN_NEXT.getAndSet(this, null);
        }

        @Override
        public void run() {
            while (!shutdown || runNext != null || hasQueuedWork()) {
                Runnable task = next();
                if (task != null) {
                    runSafely(task);
                } else if (!shutdown) {
                    idle();
                }
            }
        }

        private Runnable next() {
            Runnable task;
            if (streak < RUN_NEXT_STREAK && (task = takeNext()) != null) {
                streak++;
                return task;
            }
            streak = 0;
            task = queue.poll();
            if (task == null) {
                task = takeNext();
            }
            return task != null ? task : steal();
        }

        private Runnable steal() {
            for (int i = 1; i < workers.length; i++) {
                Runnable task = workers[(index + i) % workers.length].queue.poll();
                if (task != null) {
                    return task;
                }
            }
            return overflow.poll();
        }

        /** Takes another worker's next task if the same one has waited there past the grace period. */
        private Runnable stealStaleNext(long now) {
            for (int i = 1; i < workers.length; i++) {
                int victimIndex = (index + i) % workers.length;
                Worker victim = workers[victimIndex];
                Runnable candidate = victim.runNext;
                if (candidate == null) {
                    seenNext[victimIndex] = null;
                } else if (candidate != seenNext[victimIndex]) {
                    seenNext[victimIndex] = candidate;
                    seenSince[victimIndex] = now;
                } else if (now - seenSince[victimIndex] > RUN_NEXT_GRACE_NANOS
                        && RUN_NEXT.compareAndSet(victim, candidate, null)) {
                    seenNext[victimIndex] = null;
                    return candidate;
                }
            }
            return null;
        }

        private void runSafely(Runnable task) {
            try {
                task.run();
            } catch (Throwable unexpected) {
                // Actor cells handle their own failures; reaching here is a runtime bug, keep the worker alive.
                LOG.error("Unexpected error on dispatcher '{}' thread {}", name, getName(), unexpected);
            }
        }

        private void idle() {
            if ((spinNanos > 0 || yieldNanos > 0) && spinning.get() == 0 && spinning.compareAndSet(0, 1)) {
                Runnable found;
                try {
                    found = pollWhileIdle();
                } finally {
                    spinning.set(0);
                }
                if (found != null) {
                    runSafely(found);
                    return;
                }
            }
            parkUntilWork();
        }

        /** Spins, then yields, looking for work; returns a stolen next task, or null when work is queued or time is up. */
        private Runnable pollWhileIdle() {
            long start = System.nanoTime();
            long now = start;
            while (now - start < spinNanos + yieldNanos) {
                if (runNext != null || hasQueuedWork()) {
                    return null;
                }
                Runnable stolen = stealStaleNext(now);
                if (stolen != null) {
                    return stolen;
                }
                if (now - start < spinNanos) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
                now = System.nanoTime();
            }
            return null;
        }

        private void parkUntilWork() {
            parkedFlag = 1;
            parked.incrementAndGet();
            try {
                // Re-check after announcing: a submitter that saw no parked worker left its task visible.
                if (!hasQueuedWork() && runNext == null && !shutdown) {
                    LockSupport.parkNanos(this, anyRunNext() ? Math.min(maxParkNanos, RUN_NEXT_PARK_NANOS)
                            : maxParkNanos);
                }
            } finally {
                parkedFlag = 0;
                parked.decrementAndGet();
            }
        }
    }
}
