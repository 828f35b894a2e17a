package dev.rt.spring.metrics;

import dev.rt.ActorAddress;
import dev.rt.monitor.RuntimeListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Records the engine's sampled messages (one in {@code rt.metrics.sample-rate}) in two timers:
 * {@code rt.message.wait}, the time a message spent in the mailbox, and {@code rt.message.processing},
 * the time its handler ran. Tagged {@code actor} with the path of named (declared) actors and
 * {@code other} for the rest, so the number of series does not grow with the number of actors; the
 * routees of a pool (a router) are timed together under the pool's path. Samples
 * that arrive before the binder is bound are not recorded. No percentiles or histograms are set here:
 * turn them on with {@code management.metrics.distribution.*}.
 */
public final class MessageTimingListener implements RuntimeListener, MeterBinder {

    private final Set<String> namedActors;
    private final Set<String> pools;
    private volatile Map<String, Timers> byPath = Map.of();
    private volatile Map<String, Timers> byPool = Map.of();
    private volatile Timers other;

    /**
     * @param namedActors paths of the actors timed under their own tag
     */
    public MessageTimingListener(Set<String> namedActors) {
        this(namedActors, Set.of());
    }

    /**
     * @param namedActors paths of the actors timed under their own tag
     * @param pools paths of supervisors whose children (routees) are timed together under that path
     */
    public MessageTimingListener(Set<String> namedActors, Set<String> pools) {
        this.namedActors = Set.copyOf(namedActors);
        this.pools = Set.copyOf(pools);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<String, Timers> timers = new HashMap<>();
        for (String path : namedActors) {
            timers.put(path, new Timers(registry, path));
        }
        Map<String, Timers> pooled = new HashMap<>();
        for (String path : pools) {
            pooled.put(path, new Timers(registry, path));
        }
        byPath = Map.copyOf(timers);
        byPool = Map.copyOf(pooled);
        other = new Timers(registry, RtMeterBinder.OTHER);
    }

    @Override
    public void onMessageSampled(ActorAddress actor, long timeInMailboxNanos, long processingNanos) {
        String path = actor.path();
        Timers timers = byPath.get(path);
        if (timers == null) {
            Map<String, Timers> pooled = byPool;
            int slash = path.lastIndexOf('/');
            timers = pooled.isEmpty() || slash <= 0 ? null : pooled.get(path.substring(0, slash));
        }
        if (timers == null) {
            timers = other;
            if (timers == null) {
                return;
            }
        }
        timers.waiting.record(timeInMailboxNanos, TimeUnit.NANOSECONDS);
        timers.processing.record(processingNanos, TimeUnit.NANOSECONDS);
    }

    private static final class Timers {
        final Timer waiting;
        final Timer processing;

        Timers(MeterRegistry registry, String actor) {
            waiting = Timer.builder("rt.message.wait")
                    .tag("actor", actor)
                    .description("Time sampled messages waited in the mailbox before handling")
                    .register(registry);
            processing = Timer.builder("rt.message.processing")
                    .tag("actor", actor)
                    .description("Time the handler ran for sampled messages")
                    .register(registry);
        }
    }
}
