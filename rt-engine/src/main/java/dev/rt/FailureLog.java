package dev.rt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs actor failures with their stack traces, a few per second at most. */
final class FailureLog {

    private static final Logger LOG = LoggerFactory.getLogger("rt.failures");

    private final LogRateLimiter limiter = new LogRateLimiter(10);

    void warn(String path, Throwable error, FailureAction action) {
        if (!LOG.isWarnEnabled() || !limiter.tryAcquire()) {
            return;
        }
        long skipped = limiter.takeSuppressed();
        if (skipped > 0) {
            LOG.warn("{} actor failures were not logged (counted in metrics)", skipped);
        }
        LOG.warn("Actor {} failed; action {}", path, action, error);
    }
}
