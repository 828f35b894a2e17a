package dev.rt.spring.health;

import dev.rt.ActorSystem;
import dev.rt.Supervisor;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;

/**
 * The {@code rt} health contributor: one {@link SupervisorHealthIndicator} per top-level supervisor,
 * found when health is read, so supervisors started at run time appear too. A supervisor that gave up
 * stays (the system keeps it visible) and reports {@code DOWN}; that is also what a {@code FAILED}
 * system looks like, since only a top-level supervisor giving up fails it. Nested supervisors show in
 * their parent's details.
 */
public final class RtHealthContributor implements CompositeHealthContributor {

    private static final String ROOT = "/user/";

    private final ActorSystem system;
    private final Supplier<List<RtHealthComponent>> components;

    /**
     * @param system the system
     */
    public RtHealthContributor(ActorSystem system) {
        this(system, List::of);
    }

    /**
     * @param system the system
     * @param components further components shown beside the supervisors, read when health is read
     */
    public RtHealthContributor(ActorSystem system, Supplier<List<RtHealthComponent>> components) {
        this.system = Objects.requireNonNull(system, "system");
        this.components = Objects.requireNonNull(components, "components");
    }

    @Override
    public HealthContributor getContributor(String name) {
        for (RtHealthComponent component : components.get()) {
            if (component.componentName().equals(name)) {
                return component;
            }
        }
        return system.supervisor(ROOT + name).map(s -> new SupervisorHealthIndicator(system, s.path())).orElse(null);
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        Stream<HealthContributors.Entry> supervisors = system.supervisors().stream()
                .filter(RtHealthContributor::isTopLevel)
                .map(s -> new HealthContributors.Entry(s.name(), new SupervisorHealthIndicator(system, s.path())));
        return Stream.concat(supervisors, components.get().stream()
                .map(c -> new HealthContributors.Entry(c.componentName(), c)));
    }

    private static boolean isTopLevel(Supervisor supervisor) {
        String path = supervisor.path();
        return path.startsWith(ROOT) && path.indexOf('/', ROOT.length()) < 0;
    }
}
