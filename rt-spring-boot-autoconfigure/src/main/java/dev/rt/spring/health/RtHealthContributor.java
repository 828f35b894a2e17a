package dev.rt.spring.health;

import dev.rt.ActorSystem;
import dev.rt.Supervisor;
import java.util.Objects;
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

    /**
     * @param system the system
     */
    public RtHealthContributor(ActorSystem system) {
        this.system = Objects.requireNonNull(system, "system");
    }

    @Override
    public HealthContributor getContributor(String name) {
        return system.supervisor(ROOT + name).map(s -> new SupervisorHealthIndicator(system, s.path())).orElse(null);
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        return system.supervisors().stream()
                .filter(RtHealthContributor::isTopLevel)
                .map(s -> new HealthContributors.Entry(s.name(), new SupervisorHealthIndicator(system, s.path())));
    }

    private static boolean isTopLevel(Supervisor supervisor) {
        String path = supervisor.path();
        return path.startsWith(ROOT) && path.indexOf('/', ROOT.length()) < 0;
    }
}
