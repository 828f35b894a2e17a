package dev.rt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A supervisor: its strategy, restart intensity, optional backoff and ordered children. Build it with
 * {@link #builder(String)}; the builder reads like the tree it builds:
 *
 * <pre>{@code
 * SupervisorSpec app = SupervisorSpec.builder("app")
 *     .strategy(SupervisionStrategy.ONE_FOR_ONE)
 *     .intensity(3, Duration.ofSeconds(5))
 *     .child(ChildSpec.actor("db", Db::new))
 *     .child(ChildSpec.supervisor(SupervisorSpec.builder("workers")
 *         .strategy(SupervisionStrategy.ONE_FOR_ALL)
 *         .child(ChildSpec.actor("w1", Worker::new))
 *         .child(ChildSpec.actor("w2", Worker::new))
 *         .build()))
 *     .build();
 * }</pre>
 */
public final class SupervisorSpec {

    /** Default intensity: at most this many restarts ... */
    public static final int DEFAULT_MAX_RESTARTS = 3;
    /** ... within this period, as in Erlang/OTP. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    private final String name;
    private final SupervisionStrategy strategy;
    private final int maxRestarts;
    private final Duration period;
    private final Backoff backoff;
    private final List<ChildSpec> children;

    private SupervisorSpec(Builder builder) {
        this.name = builder.name;
        this.strategy = builder.strategy;
        this.maxRestarts = builder.maxRestarts;
        this.period = builder.period;
        this.backoff = builder.backoff;
        this.children = List.copyOf(builder.children);
    }

    /**
     * @param name the supervisor's name, a path segment
     * @return a builder: one-for-one, 3 restarts in 5 s, no backoff, no children
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the strategy */
    public SupervisionStrategy strategy() {
        return strategy;
    }

    /** @return restarts allowed within {@link #period()} */
    public int maxRestarts() {
        return maxRestarts;
    }

    /** @return the intensity window */
    public Duration period() {
        return period;
    }

    /** @return the backoff, or {@code null} to restart at once */
    public Backoff backoff() {
        return backoff;
    }

    /** @return the children in start order */
    public List<ChildSpec> children() {
        return children;
    }

    /** Builds a {@link SupervisorSpec}. */
    public static final class Builder {
        private final String name;
        private SupervisionStrategy strategy = SupervisionStrategy.ONE_FOR_ONE;
        private int maxRestarts = DEFAULT_MAX_RESTARTS;
        private Duration period = DEFAULT_PERIOD;
        private Backoff backoff;
        private final List<ChildSpec> children = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder(String name) {
            ActorNames.validate(name);
            this.name = name;
        }

        /**
         * @param value the restart strategy
         * @return this builder
         */
        public Builder strategy(SupervisionStrategy value) {
            this.strategy = Objects.requireNonNull(value, "strategy");
            return this;
        }

        /**
         * @param restarts restarts allowed within the period, 0 or more (0 gives up on the first failure)
         * @param within the period, positive
         * @return this builder
         */
        public Builder intensity(int restarts, Duration within) {
            if (restarts < 0) {
                throw new IllegalArgumentException("maxRestarts must not be negative, was " + restarts);
            }
            Objects.requireNonNull(within, "period");
            if (within.isNegative() || within.isZero()) {
                throw new IllegalArgumentException("intensity period must be positive, was " + within);
            }
            this.maxRestarts = restarts;
            this.period = within;
            return this;
        }

        /**
         * @param value exponential backoff between restarts, or {@code null} for none
         * @return this builder
         */
        public Builder backoff(Backoff value) {
            this.backoff = value;
            return this;
        }

        /**
         * @param child the next child in start order
         * @return this builder
         * @throws DuplicateActorNameException if a child of that name was already added
         */
        public Builder child(ChildSpec child) {
            Objects.requireNonNull(child, "child");
            if (!names.add(child.name())) {
                throw new DuplicateActorNameException("supervisor '" + name + "' already has a child named '"
                        + child.name() + "'");
            }
            children.add(child);
            return this;
        }

        /**
         * Shorthand for a permanent actor child with default options.
         *
         * @param childName the child's name
         * @param factory its factory
         * @param <M> its message type
         * @return this builder
         */
        public <M> Builder child(String childName, java.util.function.Supplier<? extends Actor<M>> factory) {
            return child(ChildSpec.actor(childName, factory));
        }

        /** @return the spec */
        public SupervisorSpec build() {
            return new SupervisorSpec(this);
        }
    }
}
