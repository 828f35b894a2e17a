package dev.rt.spring.remote;

import dev.rt.remote.nats.NatsRemoting;
import dev.rt.remote.nats.RemoteListener;
import dev.rt.remote.nats.RemoteStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Meters of the remote transport: counters read from {@link RemoteStats} on scrape (no meter call per
 * message) and a timer of remote ask round trips, fed as a {@link RemoteListener}.
 * {@code rt.remote.messages.sent}/{@code received}, {@code rt.remote.bytes.sent}/{@code received},
 * {@code rt.remote.codec.errors}, {@code rt.remote.redeliveries}, {@code rt.remote.undeliverable}, {@code rt.remote.acknowledgement.failures},
 * {@code rt.remote.duplicates}, {@code rt.remote.members} and {@code rt.remote.ask.round-trip}.
 */
public final class NatsRemotingMetrics implements MeterBinder, RemoteListener {

    private final Supplier<NatsRemoting> remoting;
    private volatile Timer roundTrip;

    /**
     * @param remoting the node, looked up when bound (the node is built with this object as its listener)
     */
    public NatsRemotingMetrics(Supplier<NatsRemoting> remoting) {
        this.remoting = remoting;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        NatsRemoting node = remoting.get();
        RemoteStats stats = node.stats();
        counter(registry, "rt.remote.messages.sent", "messages sent to other nodes", stats, RemoteStats::sent, null);
        counter(registry, "rt.remote.messages.received", "messages received from other nodes", stats,
                RemoteStats::received, null);
        counter(registry, "rt.remote.bytes.sent", "bytes sent to other nodes", stats, RemoteStats::bytesSent, "bytes");
        counter(registry, "rt.remote.bytes.received", "bytes received from other nodes", stats,
                RemoteStats::bytesReceived, "bytes");
        counter(registry, "rt.remote.codec.errors", "messages that could not be encoded or decoded", stats,
                RemoteStats::codecErrors, null);
        counter(registry, "rt.remote.redeliveries", "JetStream redeliveries", stats, RemoteStats::redeliveries, null);
        counter(registry, "rt.remote.undeliverable", "messages the transport could not deliver", stats,
                RemoteStats::undeliverable, null);
        counter(registry, "rt.remote.acknowledgement.failures",
                "JetStream acks, naks and terms that failed (the message is redelivered)", stats,
                RemoteStats::acknowledgementFailures, null);
        counter(registry, "rt.remote.duplicates", "exactly-once messages received again and not handled", stats,
                RemoteStats::duplicates, null);
        Gauge.builder("rt.remote.members", node, n -> n.members().size())
                .description("live nodes of the cluster, this one included").register(registry);
        roundTrip = Timer.builder("rt.remote.ask.round-trip").description("remote ask round-trip time")
                .register(registry);
    }

    @Override
    public void onRoundTrip(long nanos) {
        Timer timer = roundTrip;
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static void counter(MeterRegistry registry, String name, String description, RemoteStats stats,
                                ToDoubleFunction<RemoteStats> value, String unit) {
        FunctionCounter.builder(name, stats, value).description(description).baseUnit(unit).register(registry);
    }
}
