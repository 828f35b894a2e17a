package dev.rt.spring.health;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Adds a health contributor to the {@code readiness} group, when there is one (availability probes are
 * on), so an instance whose actors gave up stops taking traffic. Does nothing when the application
 * defines the group's members itself ({@code management.endpoint.health.group.readiness.include}).
 */
public final class ReadinessGroupMembership implements HealthEndpointGroupsPostProcessor {

    /** The group's name. */
    public static final String READINESS = "readiness";

    private final String contributor;
    private final boolean enabled;

    /**
     * @param contributor the contributor to add, such as {@code rt}
     * @param enabled whether to add it
     */
    public ReadinessGroupMembership(String contributor, boolean enabled) {
        this.contributor = Objects.requireNonNull(contributor, "contributor");
        this.enabled = enabled;
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        if (!enabled || groups.get(READINESS) == null) {
            return groups;
        }
        return new Groups(groups, contributor);
    }

    /** The groups, with the readiness group extended; additional paths still map as before. */
    private static final class Groups implements HealthEndpointGroups, AdditionalPathsMapper {
        private final HealthEndpointGroups delegate;
        private final String contributor;

        Groups(HealthEndpointGroups delegate, String contributor) {
            this.delegate = delegate;
            this.contributor = contributor;
        }

        @Override
        public HealthEndpointGroup getPrimary() {
            return delegate.getPrimary();
        }

        @Override
        public Set<String> getNames() {
            return delegate.getNames();
        }

        @Override
        public HealthEndpointGroup get(String name) {
            HealthEndpointGroup group = delegate.get(name);
            return group != null && READINESS.equals(name) ? new Member(group, contributor) : group;
        }

        @Override
        public List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
            return delegate instanceof AdditionalPathsMapper mapper
                    ? mapper.getAdditionalPaths(endpointId, webServerNamespace) : null;
        }
    }

    /** A group with one more member. */
    private static final class Member implements HealthEndpointGroup {
        private final HealthEndpointGroup delegate;
        private final String contributor;

        Member(HealthEndpointGroup delegate, String contributor) {
            this.delegate = delegate;
            this.contributor = contributor;
        }

        @Override
        public boolean isMember(String name) {
            return contributor.equals(name) || name.startsWith(contributor + "/") || delegate.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return delegate.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return delegate.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return delegate.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return delegate.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return delegate.getAdditionalPath();
        }
    }
}
