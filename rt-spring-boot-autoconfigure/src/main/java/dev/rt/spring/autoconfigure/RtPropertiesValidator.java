package dev.rt.spring.autoconfigure;

import dev.rt.Backoff;
import dev.rt.ChildSpec;
import dev.rt.InvalidActorNameException;
import dev.rt.spring.InvalidRtConfigurationException;
import dev.rt.spring.actor.SupervisorDeclaration;
import dev.rt.spring.router.RouterSettings;
import dev.rt.spring.router.RouterStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks {@link RtProperties} and turns supervisors into {@link SupervisorDeclaration}s. Every failure is
 * an {@link InvalidRtConfigurationException} that names the property and what to do.
 */
final class RtPropertiesValidator {

    private static final String NAME_ACTION =
            "Use a name made of letters, digits and - _ . : @ + = ~ (it becomes a path segment).";

    private RtPropertiesValidator() {
    }

    /**
     * @param properties the properties
     * @throws InvalidRtConfigurationException on the first invalid value
     */
    static void validate(RtProperties properties) {
        if (properties.getSystemName() != null) {
            name("rt.system-name", properties.getSystemName());
        }
        positive("rt.ask-timeout", properties.getAskTimeout(), "5s");
        positive("rt.startup.timeout", properties.getStartup().getTimeout(), "30s");
        positive("rt.shutdown.timeout", properties.getShutdown().getTimeout(), "10s");
        RtProperties.Dispatcher dispatcher = properties.getDispatcher();
        if (dispatcher.getParallelism() != null) {
            atLeastOne("rt.dispatcher.parallelism", dispatcher.getParallelism(),
                    "Set it to 1 or more, or remove it to use one thread per available processor.");
        }
        atLeastOne("rt.dispatcher.throughput", dispatcher.getThroughput(),
                "Set it to 1 or more; the default, 32, suits most applications.");
        notNull("rt.dispatcher.idle-strategy", dispatcher.getIdleStrategy(), "backoff or park");
        if (dispatcher.getBlockingPoolSize() != null) {
            atLeastOne("rt.dispatcher.blocking-pool-size", dispatcher.getBlockingPoolSize(),
                    "Set it to 1 or more, or remove it for four threads per available processor.");
        }
        RtProperties.DefaultMailbox mailbox = properties.getDefaultMailbox();
        notNull("rt.default-mailbox.kind", mailbox.getKind(), "unbounded, bounded or priority");
        notNull("rt.default-mailbox.backpressure", mailbox.getBackpressure(),
                "fail, drop-newest, drop-oldest or block");
        if (mailbox.getCapacity() < 1) {
            throw new InvalidRtConfigurationException("rt.default-mailbox.capacity", mailbox.getCapacity(),
                    "a mailbox needs room for at least one message",
                    "Set rt.default-mailbox.capacity to 1 or more (it applies when rt.default-mailbox.kind is "
                            + "bounded).");
        }
        positive("rt.default-mailbox.block-timeout", mailbox.getBlockTimeout(), "1s");
        int sampleRate = properties.getMetrics().getSampleRate();
        if (sampleRate < 0 || (sampleRate != 0 && Integer.bitCount(sampleRate) != 1)) {
            throw new InvalidRtConfigurationException("rt.metrics.sample-rate", sampleRate,
                    "the rate must be 0 (off) or a power of two",
                    "Use a power of two such as 16, 64 or 1024 (one message in that many is timed), or 0.");
        }
        supervisors(properties);
        routers(properties.getRouters());
    }

    /**
     * @param properties the properties
     * @return the configured supervisors, checked, in declaration order
     */
    static List<SupervisorDeclaration> supervisors(RtProperties properties) {
        List<SupervisorDeclaration> out = new ArrayList<>();
        for (Map.Entry<String, RtProperties.Supervisor> entry : properties.getSupervisors().entrySet()) {
            out.add(supervisor(entry.getKey(), entry.getValue()));
        }
        return out;
    }

    /**
     * @param routers the configured routers ({@code rt.routers}), by name
     * @return the routers, checked, in declaration order
     * @throws InvalidRtConfigurationException on the first invalid value
     */
    static List<RouterSettings> routers(Map<String, RtProperties.Router> routers) {
        List<RouterSettings> out = new ArrayList<>();
        for (Map.Entry<String, RtProperties.Router> entry : routers.entrySet()) {
            out.add(router(entry.getKey(), entry.getValue()));
        }
        return out;
    }

    private static RouterSettings router(String name, RtProperties.Router router) {
        String prefix = "rt.routers." + name;
        name(prefix, name);
        String actor = router.getActor();
        if (actor == null || actor.isBlank()) {
            throw new InvalidRtConfigurationException(prefix + ".actor", null, "no actor bean is set",
                    "Set " + prefix + ".actor to the name of the @RtActor bean whose instances are the routees.");
        }
        RouterStrategy strategy = router.getStrategy();
        notNull(prefix + ".strategy", strategy, "round-robin, random, smallest-mailbox, consistent-hashing or broadcast");
        int poolSize = router.getPoolSize() != null ? router.getPoolSize() : Runtime.getRuntime().availableProcessors();
        if (poolSize < 1) {
            throw new InvalidRtConfigurationException(prefix + ".pool-size", poolSize, "a pool needs at least one routee",
                    "Set " + prefix + ".pool-size to 1 or more, or remove it for one routee per available processor.");
        }
        String hashKeyBean = router.getHashKeyBean();
        if (hashKeyBean != null && hashKeyBean.isBlank()) {
            hashKeyBean = null;
        }
        if (strategy == RouterStrategy.CONSISTENT_HASHING && hashKeyBean == null) {
            throw new InvalidRtConfigurationException(prefix + ".hash-key-bean", null,
                    "the consistent-hashing strategy needs the routing key of each message",
                    "Declare a bean of type java.util.function.Function<M, ?> that returns the key of a message (M: "
                            + "the routees' message type) and set " + prefix + ".hash-key-bean to its name.");
        }
        if (strategy != RouterStrategy.CONSISTENT_HASHING && hashKeyBean != null) {
            throw new InvalidRtConfigurationException(prefix + ".hash-key-bean", hashKeyBean,
                    "only the consistent-hashing strategy uses a key, and the strategy is "
                            + strategy.propertyValue(),
                    "Remove " + prefix + ".hash-key-bean, or set " + prefix + ".strategy to consistent-hashing.");
        }
        if (router.getMaxRestarts() < 0) {
            throw new InvalidRtConfigurationException(prefix + ".max-restarts", router.getMaxRestarts(),
                    "the number of restarts cannot be negative",
                    "Set it to 0 (give up on the first failure) or more; the default is 3.");
        }
        positive(prefix + ".period", router.getPeriod(), "5s");
        return new RouterSettings(name, actor.trim(), strategy, poolSize, hashKeyBean == null ? null : hashKeyBean.trim(),
                router.getMaxRestarts(), router.getPeriod());
    }

    private static SupervisorDeclaration supervisor(String name, RtProperties.Supervisor supervisor) {
        String prefix = "rt.supervisors." + name;
        name(prefix, name);
        notNull(prefix + ".strategy", supervisor.getStrategy(), "one-for-one, one-for-all or rest-for-one");
        if (supervisor.getMaxRestarts() < 0) {
            throw new InvalidRtConfigurationException(prefix + ".max-restarts", supervisor.getMaxRestarts(),
                    "the number of restarts cannot be negative",
                    "Set it to 0 (give up on the first failure) or more; the default is 3.");
        }
        positive(prefix + ".period", supervisor.getPeriod(), "5s");
        String parent = supervisor.getParent();
        if (parent != null) {
            if (parent.isBlank()) {
                parent = null;
            } else if (parent.equals(name)) {
                throw new InvalidRtConfigurationException(prefix + ".parent", parent,
                        "a supervisor cannot run under itself",
                        "Name another supervisor, or remove the parent to make it top-level.");
            }
        }
        return new SupervisorDeclaration(name, parent, supervisor.getStrategy(), supervisor.getMaxRestarts(),
                supervisor.getPeriod(), backoff(prefix + ".backoff", supervisor.getBackoff()), prefix);
    }

    private static Backoff backoff(String prefix, RtProperties.Backoff backoff) {
        if (backoff.getMin() == null) {
            return null;
        }
        positive(prefix + ".min", backoff.getMin(), "100ms");
        notNull(prefix + ".max", backoff.getMax(), "a duration such as 30s");
        if (backoff.getMax().compareTo(backoff.getMin()) < 0) {
            throw new InvalidRtConfigurationException(prefix + ".max", backoff.getMax(),
                    "the longest delay is shorter than " + prefix + ".min (" + backoff.getMin() + ")",
                    "Set " + prefix + ".max to at least " + prefix + ".min.");
        }
        double jitter = backoff.getJitter();
        if (Double.isNaN(jitter) || jitter < 0 || jitter > 1) {
            throw new InvalidRtConfigurationException(prefix + ".jitter", jitter, "the jitter is a fraction",
                    "Use a value from 0 (no jitter) to 1 (up to twice the delay), such as 0.2.");
        }
        positive(prefix + ".reset-after", backoff.getResetAfter(), "1m");
        return new Backoff(backoff.getMin(), backoff.getMax(), jitter, backoff.getResetAfter());
    }

    static void name(String property, String name) {
        try {
            ChildSpec.actor(name, () -> null);
        } catch (InvalidActorNameException e) {
            throw new InvalidRtConfigurationException(property, name, e.getMessage(), NAME_ACTION, e);
        }
    }

    static void positive(String property, Duration value, String example) {
        notNull(property, value, "a duration such as " + example);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidRtConfigurationException(property, value, "the duration must be positive",
                    "Set " + property + " to a positive duration such as " + example + ".");
        }
    }

    private static void atLeastOne(String property, int value, String action) {
        if (value < 1) {
            throw new InvalidRtConfigurationException(property, value, "the value must be at least 1", action);
        }
    }

    static void notNull(String property, Object value, String expected) {
        if (value == null) {
            throw new InvalidRtConfigurationException(property, null, "no value is set",
                    "Set " + property + " to " + expected + ", or remove it to use the default.");
        }
    }
}
