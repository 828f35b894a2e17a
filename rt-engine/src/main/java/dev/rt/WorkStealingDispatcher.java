package dev.rt;

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
 * One run queue per worker; a worker takes from its own queue first and steals from the others when it
 * runs dry. Work scheduled from a worker goes to that worker's queue (an actor that messages another
 * tends to run it next on a warm cache); work from outside goes to a random queue.
 *
 * <p>Idle workers follow the {@link IdleStrategy}: at most one worker spins at a time, the others park.
 * A submitter wakes a parked worker only when nobody spins. The counters are volatile and the worker
 * re-checks the queues after announcing that it parks, so a submission is never missed (each side
 * writes its flag, then reads the other's).
 */
final class WorkStealingDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WorkStealingDispatcher.class);
    private static final int LOCAL_QUEUE_CAPACITY = 1 << 13;

    private final String name;
    private final int throughput;
    private final IdleStrategy idle;
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
        this.idle = config.idle();
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
        Thread current = Thread.currentThread();
        Worker target = current instanceof Worker w && w.owner() == this
                ? w
                : workers[workers.length == 1 ? 0 : ThreadLocalRandom.current().nextInt(workers.length)];
        if (!target.queue.offer(task)) {
            overflow.offer(task);
        }
        if (spinning.get() == 0 && parked.get() > 0) {
            wakeOne();
        }
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

    private boolean hasWork() {
        for (Worker worker : workers) {
            if (!worker.queue.isEmpty()) {
                return true;
            }
        }
        return !overflow.isEmpty();
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
        /** 1 while parked and not yet claimed by a waker; written with volatile semantics. */
        private volatile int parkedFlag;

        Worker(int index, String threadName) {
            super(threadName);
            this.index = index;
            setDaemon(true);
        }

        WorkStealingDispatcher owner() {
            return WorkStealingDispatcher.this;
        }

        boolean claimWake() {
            return PARKED_FLAG.compareAndSet(this, 1, 0);
        }

        @Override
        public void run() {
            while (!shutdown || hasWork()) {
                Runnable task = next();
                if (task != null) {
                    runSafely(task);
                } else if (!shutdown) {
                    idle();
                }
            }
        }

        private Runnable next() {
            Runnable task = queue.poll();
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

        private void runSafely(Runnable task) {
            try {
                task.run();
            } catch (Throwable unexpected) {
                // Actor cells handle their own failures; reaching here is a runtime bug, keep the worker alive.
                LOG.error("Unexpected error on dispatcher '{}' thread {}", name, getName(), unexpected);
            }
        }

        private void idle() {
            if (idle.spins() > 0 && spinning.get() == 0 && spinning.compareAndSet(0, 1)) {
                boolean found = spinForWork();
                spinning.set(0);
                if (found) {
                    return;
                }
            }
            parkUntilWork();
        }

        private boolean spinForWork() {
            for (int i = 0; i < idle.spins(); i++) {
                if (hasWork()) {
                    return true;
                }
                Thread.onSpinWait();
            }
            for (int i = 0; i < idle.yields(); i++) {
                if (hasWork()) {
                    return true;
                }
                Thread.yield();
            }
            return false;
        }

        private void parkUntilWork() {
            parkedFlag = 1;
            parked.incrementAndGet();
            try {
                // Re-check after announcing: a submitter that saw no parked worker left its task visible.
                if (!hasWork() && !shutdown) {
                    LockSupport.parkNanos(this, maxParkNanos);
                }
            } finally {
                parkedFlag = 0;
                parked.decrementAndGet();
            }
        }
    }

    private static final java.lang.invoke.VarHandle PARKED_FLAG;

    static {
        try {
            PARKED_FLAG = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(Worker.class, "parkedFlag", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
