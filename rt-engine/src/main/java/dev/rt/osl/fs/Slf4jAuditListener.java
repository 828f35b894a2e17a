package dev.rt.osl.fs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AuditListener}: one JSON object per line at INFO on the logger
 * {@value #LOGGER_NAME}, for example
 * {@code {"time":"2025-10-14T09:00:00Z","requestId":7,"principal":"alice","operation":"READ","path":"docs/a.txt","decision":"ALLOW","outcome":"OK","bytes":12,"durationMicros":85}}.
 */
public final class Slf4jAuditListener implements AuditListener {

    /** The logger the events go to. */
    public static final String LOGGER_NAME = "rt.osl.audit";

    private final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

    /**
     * @param event formatted with {@link #format(AuditEvent)}
     */
    @Override
    public void onEvent(AuditEvent event) {
        if (log.isInfoEnabled()) {
            log.info(format(event));
        }
    }

    /**
     * @param event an event
     * @return the event as one line of JSON
     */
    public static String format(AuditEvent event) {
        return AuditJson.format(event);
    }
}
