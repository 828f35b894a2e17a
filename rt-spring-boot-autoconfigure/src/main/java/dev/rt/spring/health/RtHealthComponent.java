package dev.rt.spring.health;

import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A health indicator shown as a component of the {@code rt} health contributor, beside the supervisors
 * (the remote transport, for example). Declare it as a bean.
 */
public interface RtHealthComponent extends HealthIndicator {

    /** @return the component's name under {@code rt} */
    String componentName();
}
