package dev.rt.osl.fs;

/** What the service decided about a request, as recorded in its {@link AuditEvent}. */
public enum Decision {
    /** The path is inside the root and the rules allow it; the outcome says how the operation went. */
    ALLOW,
    /** The access rules or the read-only switch refused it ({@code ACCESS_DENIED}, {@code READ_ONLY}). */
    DENY,
    /** The sandbox refused the path itself ({@code OUTSIDE_ROOT}, {@code INVALID_PATH}). */
    REFUSE;

    /**
     * @param result an operation's result
     * @return the decision it reflects
     */
    static Decision of(FileSystemResult result) {
        if (!(result instanceof FileSystemResult.Failure failure)) {
            return ALLOW;
        }
        switch (failure.kind()) {
            case ACCESS_DENIED:
            case READ_ONLY:
                return DENY;
            case OUTSIDE_ROOT:
            case INVALID_PATH:
                return REFUSE;
            default:
                return ALLOW;
        }
    }
}
