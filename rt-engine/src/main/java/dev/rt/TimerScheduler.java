package dev.rt;

import java.time.Duration;

/**
 * Sends an actor messages to itself later. Timers have keys; starting a timer with a key in use
 * replaces the old one, and a cancelled timer's message is never delivered, even if it was already
 * queued. All timers are cancelled when the actor stops or restarts.
 *
 * @param <M> the actor's message type
 */
public interface TimerScheduler<M> {

    /**
     * Sends {@code message} once after {@code delay}.
     *
     * @param key identifies the timer
     * @param message the message
     * @param delay positive delay
     */
    void startSingleTimer(Object key, M message, Duration delay);

    /**
     * Sends {@code message} every {@code interval}, the first time after {@code interval}.
     *
     * @param key identifies the timer
     * @param message the message
     * @param interval positive interval
     */
    void startTimerAtFixedRate(Object key, M message, Duration interval);

    /**
     * @param key a timer key
     * @return whether that timer is active
     */
    boolean isTimerActive(Object key);

    /**
     * Cancels one timer; nothing happens if it is not active.
     *
     * @param key a timer key
     */
    void cancel(Object key);

    /** Cancels every timer of this actor. */
    void cancelAll();
}
