package dev.rt;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An actor's timers, used only on the actor's thread. A tick is queued as a {@link Envelope.Timer}
 * carrying the timer's generation; a tick whose timer was cancelled or replaced meanwhile is discarded
 * on delivery, so a cancelled timer never delivers.
 */
final class Timers<M> implements TimerScheduler<M> {

    private final ActorCell<M> owner;
    private final Scheduler scheduler;
    private final Map<Object, Entry> active = new HashMap<>();
    private long generations;

    Timers(ActorCell<M> owner, Scheduler scheduler) {
        this.owner = owner;
        this.scheduler = scheduler;
    }

    private record Entry(long generation, boolean repeating, Cancellable task) {
    }

    @Override
    public void startSingleTimer(Object key, M message, Duration delay) {
        start(key, message, delay, false);
    }

    @Override
    public void startTimerAtFixedRate(Object key, M message, Duration interval) {
        start(key, message, interval, true);
    }

    private void start(Object key, M message, Duration delay, boolean repeating) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("timer delay must be positive, was " + delay);
        }
        cancel(key);
        long generation = ++generations;
        Envelope.Timer tick = new Envelope.Timer(message, key, generation);
        long nanos = delay.toNanos();
        Runnable fire = () -> owner.tellInternal(tick);
        Cancellable task = repeating ? scheduler.scheduleAtFixedRate(fire, nanos) : scheduler.schedule(fire, nanos);
        active.put(key, new Entry(generation, repeating, task));
    }

    @Override
    public boolean isTimerActive(Object key) {
        return active.containsKey(key);
    }

    @Override
    public void cancel(Object key) {
        Entry entry = active.remove(key);
        if (entry != null) {
            entry.task.cancel();
        }
    }

    @Override
    public void cancelAll() {
        for (Entry entry : active.values()) {
            entry.task.cancel();
        }
        active.clear();
    }

    /**
     * @param tick a delivered tick
     * @return whether it belongs to a live timer (a single timer ends here)
     */
    boolean accept(Envelope.Timer tick) {
        Entry entry = active.get(tick.key);
        if (entry == null || entry.generation != tick.generation) {
            return false;
        }
        if (!entry.repeating) {
            active.remove(tick.key);
        }
        return true;
    }
}
