package dev.rt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A supervisor at one moment: immutable, rebuilt on every transition, so taking one is a field read.
 * This is what health checks and the actor tree endpoint read.
 *
 * @param name the supervisor's name
 * @param path its actor path
 * @param strategy its strategy
 * @param state its state
 * @param children its children in start order
 * @param restartsInWindow restarts counted in the current intensity window
 * @param maxRestarts restarts allowed in the window
 * @param period the window
 * @param lastFailure the most recent child failure, or {@code null}
 * @param takenAt when this snapshot was made
 */
public record SupervisorSnapshot(String name, String path, SupervisionStrategy strategy, State state,
                                 List<Child> children, int restartsInWindow, int maxRestarts, Duration period,
                                 Failure lastFailure, Instant takenAt) {

    /** Checks the parts. */
    public SupervisorSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(state, "state");
        children = List.copyOf(children);
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** Supervisor and child states. */
    public enum State {
        /** Starting its children in order. */
        STARTING,
        /** Every child is up. */
        RUNNING,
        /** Restarting children after a failure. */
        RESTARTING,
        /** Waiting out a backoff delay before restarting. */
        BACKING_OFF,
        /** Stopping, or stopped on purpose. */
        STOPPED,
        /** Exceeded its restart intensity and gave up. */
        FAILED
    }

    /**
     * One child.
     *
     * @param name the child's name
     * @param path its actor path
     * @param state its state
     * @param restartType its restart type
     * @param restarts how often it was restarted
     * @param supervisor whether it is a nested supervisor
     */
    public record Child(String name, String path, State state, RestartType restartType, int restarts,
                        boolean supervisor) {
    }

    /**
     * A child failure.
     *
     * @param child the child's name
     * @param type the exception class
     * @param message the exception message, or empty
     * @param time when it happened
     */
    public record Failure(String child, String type, String message, Instant time) {
    }

    /** @return whether the supervisor is healthy: not failed */
    public boolean isHealthy() {
        return state != State.FAILED;
    }
}
