package dev.rt;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread for every ask timeout, timer and backoff of a system: a hashed timing wheel. Scheduling is
 * a lock-free enqueue that never wakes the thread (unless it sleeps with nothing to do), so an ask pays
 * no cross-thread wake-up for its timeout. Cancelling marks the task and drops its reference; the tick
 * thread discards it when its slot comes round. Precision is one tick.
 *
 * <p>Tasks run on the tick thread and must be short: complete a future, enqueue a message.
 */
final class TimerWheel implements Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(TimerWheel.class);
    private static final int SLOTS = 512;

    private final long tickNanos;
    private final Task[] slots = new Task[SLOTS];
    private final MpscUnboundedVarHandleArrayQueue<Task> inbox = new MpscUnboundedVarHandleArrayQueue<>(256);
    private final Ticker ticker;
    private final long start = System.nanoTime();
    private volatile boolean shutdown;
    private volatile Consumer<Runnable> abandoned = task -> { };
    /** True while the ticker sleeps with no task pending; a scheduler must then wake it. */
    private volatile boolean dormant;
    private long tick;
    private int pending;

    TimerWheel(String threadName, long tickNanos) {
        this.tickNanos = tickNanos;
        this.ticker = new Ticker(threadName);
        ticker.start();
    }

    /** Runs the task after the delay; at least one tick is waited. */
    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        return submit(new Task(task, System.nanoTime() + delayNanos, 0));
    }

    @Override
    public Cancellable scheduleAtFixedRate(Runnable task, long periodNanos) {
        return submit(new Task(task, System.nanoTime() + periodNanos, periodNanos));
    }

    private Task submit(Task task) {
        if (shutdown) {
            throw new ActorSystemTerminatedException("the actor system's scheduler has stopped");
        }
        inbox.offer(task);
        if (dormant) {
            LockSupport.unpark(ticker);
        }
        return task;
    }

    @Override
    public void shutdown(Consumer<Runnable> abandonedTasks) {
        this.abandoned = abandonedTasks;
        shutdown = true;
        LockSupport.unpark(ticker);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        unit.timedJoin(ticker, timeout);
        return !ticker.isAlive();
    }

    /** A scheduled task; also a node of its slot's list, owned by the tick thread. */
    static final class Task implements Cancellable {
        private volatile Runnable runnable;
        private long deadline;
        private final long period;
        private Task next;

        Task(Runnable runnable, long deadline, long period) {
            this.runnable = runnable;
            this.deadline = deadline;
            this.period = period;
        }

        @Override
        public void cancel() {
            runnable = null;
        }
    }

    private final class Ticker extends Thread implements RuntimeThread {

        Ticker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            long nextTick = start + tickNanos;
            while (!shutdown) {
                long now = System.nanoTime();
                if (now - nextTick < 0) {
                    if (pending == 0 && inbox.isEmpty()) {
                        dormant = true;
                        if (inbox.isEmpty() && !shutdown) {
                            LockSupport.park(this);
                        }
                        dormant = false;
                        // Idle time is not replayed tick by tick: jump to the present.
                        long resumed = System.nanoTime();
                        tick = (resumed - start) / tickNanos;
                        nextTick = start + (tick + 1) * tickNanos;
                    } else {
                        LockSupport.parkNanos(this, nextTick - now);
                    }
                    continue;
                }
                drainInbox();
                expire(slots[(int) (tick % SLOTS)], now);
                tick++;
                nextTick += tickNanos;
            }
            abandonPending();
        }

        /** At shutdown: tasks that will never run go to the system, which fails the asks among them. */
        private void abandonPending() {
            drainInbox();
            Consumer<Runnable> sink = abandoned;
            for (int i = 0; i < SLOTS; i++) {
                for (Task task = slots[i]; task != null; task = task.next) {
                    Runnable runnable = task.runnable;
                    if (runnable != null) {
                        try {
                            sink.accept(runnable);
                        } catch (RuntimeException e) {
                            LOG.warn("Handling an abandoned task threw; ignored", e);
                        }
                    }
                }
                slots[i] = null;
            }
        }

        private void drainInbox() {
            Task task;
            while ((task = inbox.poll()) != null) {
                place(task, tick);
            }
        }

        /** @param earliest the first tick it may go in: the current one from the inbox, the next when re-placed */
        private void place(Task task, long earliest) {
            long due = Math.max(earliest, (task.deadline - start + tickNanos - 1) / tickNanos);
            int index = (int) (due % SLOTS);
            task.next = slots[index];
            slots[index] = task;
            pending++;
        }

        /** Runs the due tasks of one slot; later ones (another round of the wheel) stay. */
        private void expire(Task head, long now) {
            int index = (int) (tick % SLOTS);
            slots[index] = null;
            Task task = head;
            while (task != null) {
                Task next = task.next;
                task.next = null;
                pending--;
                Runnable runnable = task.runnable;
                if (runnable != null) {
                    if (task.deadline - now > tickNanos) {
                        place(task, tick + 1);
                    } else {
                        fire(task, runnable);
                    }
                }
                task = next;
            }
        }

        private void fire(Task task, Runnable runnable) {
            try {
                runnable.run();
            } catch (RuntimeException e) {
                LOG.warn("A scheduled task threw; ignored", e);
            }
            if (task.period > 0 && task.runnable != null) {
                task.deadline += task.period;
                place(task, tick + 1);
            }
        }
    }
}
