package dev.rt.test;

import dev.rt.ActorSystem;
import dev.rt.ActorSystemTerminatedException;
import dev.rt.Cancellable;
import dev.rt.NanoClock;
import dev.rt.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A clock and scheduler that stand still until the test moves them: ask timeouts, actor timers,
 * supervision backoff and restart-intensity windows then happen exactly when the test says, with no
 * sleeping and no flakiness. Give one to a system with {@link #configure(ActorSystem.Builder)} (the
 * {@link ActorTestKit} does so with {@code manualTime()}).
 *
 * <pre>{@code
 * kit.time().advance(Duration.ofSeconds(5));   // the ask's 5 s timeout runs out now
 * assertThat(reply).failsWithin(...)
 * }</pre>
 *
 * <p><b>Timers started inside an actor</b> are scheduled on the actor's thread, when it gets to the
 * message (or to {@code preStart}) that starts them: right after {@code spawn} or {@code tell} returns
 * they may not be scheduled yet, and an advance made then passes them by. Wait until they are:
 * <pre>{@code
 * kit.spawn("ticker", Ticker::new);                        // starts a 1 s timer in preStart
 * kit.awaitAssert(() -> assertThat(kit.time().scheduledCount()).isEqualTo(1));
 * kit.time().advance(Duration.ofSeconds(1));              // now the timer fires
 * probe.expectMessage("tick");
 * }</pre>
 *
 * <p>{@link #advance(Duration)} runs every task that falls due, in deadline order, on the calling
 * thread; a task typically enqueues a message, which its actor then handles on its own thread, so
 * expect the effect with a {@link TestProbe} afterwards. Time never moves by itself, and never
 * backwards.
 *
 * <p>What it drives: actor timers, ask timeouts, supervision backoff and restart-intensity windows,
 * supervisor child-stop timeouts, and a pool router's drain on shrink (its drain timeout and its 10 ms
 * drain check, so on manual time a shrink completes only as time is advanced). Message time-to-live,
 * bounded-mailbox {@code BLOCK} timeouts and system termination still run on real time.
 *
 * <p>Advancing is serialised: two threads that advance at once take turns, each moving time on from
 * where the other left it. A task that calls {@code advance} itself (from inside an advance, on the
 * same thread) gets an {@link IllegalStateException}: the outer advance owns time until it returns.
 * If tasks throw, the advance still runs every other task that falls due and moves time to its
 * target, then rethrows the first failure with the others {@linkplain Throwable#getSuppressed()
 * suppressed}; a repeating task that threw stays scheduled.
 */
public final class ManualTime implements NanoClock, Scheduler {

    /** Not zero, so code that treats 0 as "never" is not fooled. */
    private static final long ORIGIN = 1_000_000_000L;

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    /** Held for a whole advance, so advances take turns; fair, so they run in the order they were asked. */
    private final ReentrantLock advancing = new ReentrantLock(true);
    private long now = ORIGIN;
    private long sequence;
    private boolean shutdown;

    /** A clock at an arbitrary origin with nothing scheduled. */
    public ManualTime() {
    }

    /**
     * Makes this the system's clock and scheduler.
     *
     * @param builder the system's builder
     * @return the builder
     */
    public ActorSystem.Builder configure(ActorSystem.Builder builder) {
        return builder.clock(this).scheduler(this);
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** @return how far time has been advanced in all */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(now - ORIGIN);
    }

    /**
     * Moves time forward, running each task that falls due at its own instant, earliest first (a
     * repeating task runs once per period that passes).
     *
     * @param amount how far, not negative
     * @return this
     */
    public ManualTime advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; cannot advance by " + amount);
        }
        if (advancing.isHeldByCurrentThread()) {
            throw new IllegalStateException("ManualTime.advance was called from a task that an advance is running; "
                    + "a scheduled task cannot move time itself (send a message to an actor or the test instead)");
        }
        advancing.lock();
        try {
            advanceTo(amount.toNanos());
        } finally {
            advancing.unlock();
        }
        return this;
    }

    /** Runs what falls due within {@code amountNanos} of now; called with {@link #advancing} held. */
    private void advanceTo(long amountNanos) {
        long target;
        synchronized (this) {
            target = now + amountNanos;
        }
        Throwable firstFailure = null;
        while (true) {
            Task due;
            synchronized (this) {
                Task head = queue.peek();
                if (head == null || head.deadline - target > 0) {
                    now = Math.max(now, target);
                    break;
                }
                due = queue.poll();
                now = Math.max(now, due.deadline);
            }
            try {
                run(due);
            } catch (RuntimeException | Error failure) {
                if (firstFailure == null) {
                    firstFailure = failure;
                } else if (firstFailure != failure) {
                    firstFailure.addSuppressed(failure);
                }
            }
        }
        if (firstFailure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (firstFailure instanceof Error error) {
            throw error;
        }
    }

    /**
     * Moves time to the next scheduled task and runs it (and whatever else is due then).
     *
     * @return how far time moved
     * @throws AssertionError if nothing is scheduled
     */
    public Duration advanceToNext() {
        Duration step = timeToNext().orElseThrow(() -> new AssertionError(
                "ManualTime: nothing is scheduled, so there is no next task to advance to"));
        advance(step);
        return step;
    }

    /** @return how long until the next task is due, or empty if none is scheduled */
    public synchronized Optional<Duration> timeToNext() {
        purgeCancelled();
        Task head = queue.peek();
        return head == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, head.deadline - now)));
    }

    /** @return how many tasks are scheduled and not cancelled */
    public synchronized int scheduledCount() {
        purgeCancelled();
        return queue.size();
    }

    /**
     * Fails unless nothing is scheduled.
     *
     * @throws AssertionError listing what is still scheduled
     */
    public synchronized void expectNoScheduledTasks() {
        purgeCancelled();
        if (!queue.isEmpty()) {
            List<Task> byDeadline = new ArrayList<>(queue);
            byDeadline.sort(null);
            List<String> left = new ArrayList<>();
            for (Task task : byDeadline) {
                left.add(task.describe(now));
            }
            throw new AssertionError("ManualTime: expected nothing scheduled, but " + left.size()
                    + " task(s) are: " + left);
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        return submit(task, delayNanos, 0);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Runnable task, long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + periodNanos + " ns");
        }
        return submit(task, periodNanos, periodNanos);
    }

    private synchronized Task submit(Runnable runnable, long delayNanos, long period) {
        Objects.requireNonNull(runnable, "task");
        if (shutdown) {
            throw new ActorSystemTerminatedException("the actor system's scheduler (ManualTime) has stopped");
        }
        Task task = new Task(runnable, now + Math.max(0, delayNanos), period, sequence++);
        queue.add(task);
        return task;
    }

    @Override
    public void shutdown(Consumer<Runnable> abandoned) {
        List<Runnable> left = new ArrayList<>();
        synchronized (this) {
            shutdown = true;
            for (Task task : queue) {
                if (!task.cancelled) {
                    left.add(task.runnable);
                }
            }
            queue.clear();
        }
        left.forEach(abandoned);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true; // no threads of its own
    }

    private void run(Task task) {
        if (task.cancelled) {
            return;
        }
        try {
            task.runnable.run();
        } finally {
            synchronized (this) {
                if (task.period > 0 && !task.cancelled && !shutdown) {
                    task.deadline += task.period;
                    task.order = sequence++;
                    queue.add(task);
                }
            }
        }
    }

    private void purgeCancelled() {
        queue.removeIf(task -> task.cancelled);
    }

    @Override
    public synchronized String toString() {
        return "ManualTime[elapsed " + Duration.ofNanos(now - ORIGIN) + ", " + queue.size() + " scheduled]";
    }

    /** A scheduled task: earlier deadline first, then earlier scheduling. */
    private static final class Task implements Cancellable, Comparable<Task> {
        private final Runnable runnable;
        private final long period;
        private long deadline;
        private long order;
        private volatile boolean cancelled;

        Task(Runnable runnable, long deadline, long period, long order) {
            this.runnable = runnable;
            this.deadline = deadline;
            this.period = period;
            this.order = order;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        /** Due time, period and who scheduled it: the engine's tasks are lambdas, so name their class. */
        String describe(long now) {
            String when = "in " + Texts.duration(Duration.ofNanos(deadline - now));
            String every = period > 0 ? ", every " + Texts.duration(Duration.ofNanos(period)) : ", once";
            return when + every + ": " + describeRunnable(runnable);
        }

        private static String describeRunnable(Runnable runnable) {
            Class<?> type = runnable.getClass();
            String name = type.getName();
            int lambda = name.indexOf("$$Lambda");
            if (lambda >= 0) {
                return "a task of " + name.substring(0, lambda);
            }
            String text = runnable.toString();
            boolean identityOnly = text.equals(name + "@" + Integer.toHexString(System.identityHashCode(runnable)));
            return identityOnly ? "a " + name : text;
        }

        @Override
        public int compareTo(Task other) {
            int byDeadline = Long.compare(deadline - other.deadline, 0);
            return byDeadline != 0 ? byDeadline : Long.compare(order, other.order);
        }
    }
}
