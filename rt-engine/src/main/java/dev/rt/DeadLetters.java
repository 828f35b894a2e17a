package dev.rt;

import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterListener;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.RuntimeEvent;
import dev.rt.monitor.RuntimeListener;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where messages that were not handled end up: counted by reason, passed to listeners and to the
 * {@link RuntimeListener}, and logged at most a few times per second (the rest are summarised).
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger("rt.dead-letters");
    private static final int LOGS_PER_SECOND = 10;

    private final LongAdder[] counts = new LongAdder[DeadLetterReason.values().length];
    private final CopyOnWriteArrayList<DeadLetterListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder listenerErrors = new LongAdder();
    private final RuntimeListener runtimeListener;
    private final LogRateLimiter logLimiter = new LogRateLimiter(LOGS_PER_SECOND);

    DeadLetters(RuntimeListener runtimeListener) {
        this.runtimeListener = runtimeListener;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /**
     * @param reason a reason
     * @return dead letters with that reason so far
     */
    public long count(DeadLetterReason reason) {
        return counts[reason.ordinal()].sum();
    }

    /** @return all dead letters so far */
    public long total() {
        long sum = 0;
        for (LongAdder count : counts) {
            sum += count.sum();
        }
        return sum;
    }

    /** @return counts by reason, every reason present */
    public Map<DeadLetterReason, Long> counts() {
        Map<DeadLetterReason, Long> out = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            out.put(reason, count(reason));
        }
        return out;
    }

    /** @return exceptions thrown by dead-letter listeners (caught and counted) */
    public long listenerErrors() {
        return listenerErrors.sum();
    }

    /**
     * Registers a listener for every future dead letter.
     *
     * @param listener called on the thread that dead-letters
     * @return closing it unsubscribes
     */
    public AutoCloseable subscribe(DeadLetterListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Records a dead letter from outside the engine, for transports and refs that are not local actors
     * (a remote ref whose message could not be encoded, say). Counted and published like the engine's own.
     *
     * @param message the message that was not handled, not {@code null}
     * @param sender its sender, or {@code null}
     * @param recipient where it was going, not {@code null}
     * @param reason why it was not handled, not {@code null}
     * @param detail a short explanation, or {@code null}
     */
    public void report(Object message, ActorRef<?> sender, ActorAddress recipient, DeadLetterReason reason,
                       String detail) {
        java.util.Objects.requireNonNull(message, "message");
        java.util.Objects.requireNonNull(recipient, "recipient");
        java.util.Objects.requireNonNull(reason, "reason");
        publish(message, sender, recipient, reason, detail == null ? "" : detail);
    }

    void publish(Object message, ActorRef<?> sender, ActorAddress recipient, DeadLetterReason reason,
                 String detail) {
        counts[reason.ordinal()].increment();
        boolean observed = runtimeListener != RuntimeListener.NO_OP;
        boolean logged = LOG.isInfoEnabled() && logLimiter.tryAcquire();
        if (listeners.isEmpty() && !observed && !logged) {
            return; // counted; nobody wants the details, so build none
        }
        DeadLetter letter = new DeadLetter(message, sender == null ? null : sender.address(), recipient, reason,
                detail, Instant.now());
        for (DeadLetterListener listener : listeners) {
            try {
                listener.onDeadLetter(letter);
            } catch (RuntimeException e) {
                listenerErrors.increment();
            }
        }
        if (observed) {
            try {
                runtimeListener.onEvent(new RuntimeEvent.DeadLettered(letter));
            } catch (RuntimeException e) {
                listenerErrors.increment();
            }
        }
        if (logged) {
            log(letter);
        }
    }

    private void log(DeadLetter letter) {
        long skipped = logLimiter.takeSuppressed();
        if (skipped > 0) {
            LOG.info("{} more dead letters were not logged (counted in metrics)", skipped);
        }
        LOG.info("Dead letter ({}) to {}: {} [{}]", letter.reason(), letter.recipient().path(),
                letter.message().getClass().getName(), letter.detail());
    }
}
