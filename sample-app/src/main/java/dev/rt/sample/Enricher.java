package dev.rt.sample;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.spring.RtActor;

/**
 * Adds a summary and a reading time to a document, standing in for a call to a flaky outside service: it
 * fails at the rate {@link FailureInjection} holds. A failure throws, and the supervision tree takes
 * over: the "enrichers" supervisor restarts it (a fresh instance; the message that failed becomes a dead
 * letter), and after more than {@code rt.supervisors.enrichers.max-restarts} failures within its period
 * gives up; its parent "enrichment" then restarts the whole "enrichers" subtree after a backoff.
 */
@RtActor(name = "enricher", supervisor = "enrichers")
final class Enricher implements Actor<Enricher.Enrich> {

    /**
     * Enrich one version of a document.
     *
     * @param id the document
     * @param stamp the catalog's stamp of this version, sent back with the enrichment
     * @param text its text
     * @param words how many words it has
     */
    record Enrich(String id, long stamp, String text, int words) {
    }

    private static final int SUMMARY_LENGTH = 80;
    private static final int WORDS_PER_MINUTE = 200;

    private final FailureInjection failures;
    private final ActorRef<Catalog.Command> catalog;

    Enricher(FailureInjection failures, ActorRef<Catalog.Command> catalog) {
        this.failures = failures;
        this.catalog = catalog;
    }

    @Override
    public void onMessage(Enrich enrich, ActorContext<Enrich> ctx) {
        if (failures.shouldFail()) {
            throw new EnrichmentFailedException("injected failure while enriching " + enrich.id()
                    + " (failure rate " + failures.failureRate() + ")");
        }
        int seconds = Math.max(1, Math.round(enrich.words() * 60f / WORDS_PER_MINUTE));
        catalog.tell(new Catalog.Command.Enriched(enrich.id(), enrich.stamp(),
                new Catalog.Enrichment(summary(enrich.text()), seconds)));
    }

    /** The first sentence (or line), at most {@value #SUMMARY_LENGTH} characters. */
    static String summary(String text) {
        String trimmed = text.strip();
        int end = trimmed.length();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\n' || ((c == '.' || c == '!' || c == '?')
                    && (i + 1 == trimmed.length() || Character.isWhitespace(trimmed.charAt(i + 1))))) {
                end = c == '\n' ? i : i + 1;
                break;
            }
        }
        String sentence = trimmed.substring(0, end).strip();
        return sentence.length() <= SUMMARY_LENGTH ? sentence : sentence.substring(0, SUMMARY_LENGTH - 1) + "…";
    }

    /** What the enricher throws when a failure is injected. */
    static final class EnrichmentFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EnrichmentFailedException(String message) {
            super(message);
        }
    }
}
