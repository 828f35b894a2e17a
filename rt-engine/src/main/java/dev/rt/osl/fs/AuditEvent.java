package dev.rt.osl.fs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened to one request: each request to the file service emits exactly one event, whether it was
 * refused, denied, failed or succeeded.
 *
 * @param time when the request was taken up
 * @param requestId the request's id
 * @param principal who asked
 * @param operation what was asked
 * @param path the path relative to the root, normalised; for a path refused as invalid or absolute, the
 *        requested string (at most {@value #MAX_SHOWN_PATH} characters)
 * @param target the target of a move (same form as {@code path}), otherwise {@code null}
 * @param decision whether the sandbox and the rules let it through
 * @param outcome {@value #OK} or the {@link ErrorKind} name
 * @param bytes bytes read or written
 * @param duration how long the service took
 */
public record AuditEvent(Instant time, long requestId, String principal, OperationKind operation, String path,
        String target, Decision decision, String outcome, long bytes, Duration duration) {

    /** The outcome of a successful operation. */
    public static final String OK = "OK";
    /** Longest requested path an event repeats. */
    public static final int MAX_SHOWN_PATH = 512;

    /** Checks the components. */
    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
    }

    /** @return whether the operation succeeded */
    public boolean succeeded() {
        return OK.equals(outcome);
    }
}
