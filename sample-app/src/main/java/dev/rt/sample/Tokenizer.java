package dev.rt.sample;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.spring.RtActor;
import java.util.Map;

/**
 * Splits a document into terms and counts them. It runs only as the routees of the "tokenizers" router
 * (round-robin, configured in application.yml): each routee is a fresh instance of this bean. It sends
 * the counts back to the catalog and the text on to the enricher.
 */
@RtActor(name = "tokenizer")
final class Tokenizer implements Actor<Tokenizer.Tokenize> {

    /**
     * Tokenize one version of a document.
     *
     * @param id the document
     * @param stamp the catalog's stamp of this version, sent back with the counts
     * @param text its text
     */
    record Tokenize(String id, long stamp, String text) {
    }

    private final ActorRef<Catalog.Command> catalog;
    private final ActorRef<Enricher.Enrich> enricher;

    Tokenizer(ActorRef<Catalog.Command> catalog, ActorRef<Enricher.Enrich> enricher) {
        this.catalog = catalog;
        this.enricher = enricher;
    }

    @Override
    public void onMessage(Tokenize tokenize, ActorContext<Tokenize> ctx) {
        Map<String, Integer> counts = Terms.count(tokenize.text());
        int words = counts.values().stream().mapToInt(Integer::intValue).sum();
        catalog.tell(new Catalog.Command.Tokenized(tokenize.id(), tokenize.stamp(), words, counts));
        enricher.tell(new Enricher.Enrich(tokenize.id(), tokenize.stamp(), tokenize.text(), words));
    }
}
