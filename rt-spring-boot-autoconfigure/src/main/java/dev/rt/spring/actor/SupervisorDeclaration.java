package dev.rt.spring.actor;

import dev.rt.Backoff;
import dev.rt.SupervisionStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * A supervisor declared in the configuration ({@code rt.supervisors.<name>}), checked.
 *
 * @param name its name, unique among supervisors
 * @param parent the name of the supervisor it runs under, or {@code null} for a top-level supervisor
 * @param strategy its restart strategy
 * @param maxRestarts restarts allowed within {@code period}
 * @param period the intensity window
 * @param backoff its backoff, or {@code null} to restart at once
 * @param source where it was declared, such as {@code rt.supervisors.orders}, for error messages
 */
public record SupervisorDeclaration(String name, String parent, SupervisionStrategy strategy, int maxRestarts,
                                    Duration period, Backoff backoff, String source) {

    /** Checks the parts. */
    public SupervisorDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(source, "source");
    }
}
