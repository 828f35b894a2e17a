package dev.rt.spring.metrics;

import dev.rt.ActorNode;
import dev.rt.ActorSystem;
import dev.rt.DeadLetters;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.monitor.DeliveryStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Binds the actor system's own counters to Micrometer; nothing is counted per message here, meters read
 * the engine's counters when they are published. Tags stay few however many actors run: counters are
 * system totals, dead letters are tagged by reason, actors by state, and mailbox depth by path only for
 * named (declared) actors, everything else under {@code actor=other}. The registry holds the gauges,
 * and through them what the meters read, strongly: the meters keep working if the binder is dropped.
 *
 * <ul>
 *   <li>{@code rt.messages.sent}, {@code .delivered}, {@code .failed}, {@code .dropped},
 *       {@code .redelivered}: function counters</li>
 *   <li>{@code rt.messages.dead} (tag {@code reason}): function counter</li>
 *   <li>{@code rt.mailbox.depth} (tag {@code actor}): gauge</li>
 *   <li>{@code rt.actors} (tag {@code state}): gauge of live actors, supervisors included</li>
 *   <li>{@code rt.ask.timeouts}: function counter</li>
 * </ul>
 */
public final class RtMeterBinder implements MeterBinder {

    /** Tag value of everything that is not named. */
    public static final String OTHER = "other";

    private static final String MESSAGES = "messages";

    private final ActorSystem system;
    private final ActorSystemCensus census;

    /**
     * @param system the system
     * @param census how the system is counted (shared by the meters of one scrape)
     */
    public RtMeterBinder(ActorSystem system, ActorSystemCensus census) {
        this.system = Objects.requireNonNull(system, "system");
        this.census = Objects.requireNonNull(census, "census");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        messages(registry, "sent", "Messages sent to actors, accepted or refused", DeliveryStats::sent);
        messages(registry, "delivered", "Messages whose handler returned normally", DeliveryStats::delivered);
        messages(registry, "failed", "Messages whose handler threw", DeliveryStats::failed);
        messages(registry, "dropped", "Messages refused or evicted by a full bounded mailbox",
                DeliveryStats::dropped);
        messages(registry, "redelivered", "Redelivery attempts after failures", DeliveryStats::redelivered);
        DeadLetters deadLetters = system.deadLetters();
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            FunctionCounter.builder("rt.messages.dead", deadLetters, letters -> letters.count(reason))
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Messages that were not handled, by reason")
                    .baseUnit(MESSAGES)
                    .register(registry);
        }
        for (String path : census.namedActors()) {
            Gauge.builder("rt.mailbox.depth", census, c -> c.current().namedDepths().getOrDefault(path, 0L))
                    .tag("actor", path)
                    .description("Messages waiting in mailboxes")
                    .baseUnit(MESSAGES)
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("rt.mailbox.depth", census, c -> c.current().otherDepth())
                .tag("actor", OTHER)
                .description("Messages waiting in mailboxes")
                .baseUnit(MESSAGES)
                .strongReference(true)
                .register(registry);
        for (ActorNode.State state : ActorNode.State.values()) {
            if (state == ActorNode.State.STOPPED) {
                continue;
            }
            Gauge.builder("rt.actors", census, c -> c.current().actorsByState().getOrDefault(state, 0L))
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("Live actors, supervisors included, by state")
                    .baseUnit("actors")
                    .strongReference(true)
                    .register(registry);
        }
        FunctionCounter.builder("rt.ask.timeouts", system, ActorSystem::askTimeouts)
                .description("Asks that timed out before a reply")
                .baseUnit("asks")
                .register(registry);
    }

    private void messages(MeterRegistry registry, String name, String description,
                          ToLongFunction<DeliveryStats> counter) {
        FunctionCounter.builder("rt.messages." + name, census, c -> counter.applyAsLong(c.current().totals()))
                .description(description)
                .baseUnit(MESSAGES)
                .register(registry);
    }
}
