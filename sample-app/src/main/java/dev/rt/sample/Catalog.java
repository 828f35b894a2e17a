package dev.rt.sample;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.spring.RtActor;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The registry of stored documents and the hub of the pipeline. It numbers each stored version of a
 * document, hands the text to the tokenizer pool, keeps the statistics the tokenizers and the enricher
 * send back, and keeps the index in step: it is the only sender to the index shards, so a shard sees the
 * removal of a document's old terms before the terms of its new version (per-sender order). Replies that
 * belong to a version that was replaced or removed meanwhile are ignored.
 *
 * <p>Runs under the "pipeline" supervisor (rest-for-one): if it fails, it restarts empty and the ingest
 * actor started after it restarts too.
 */
@RtActor(name = "catalog", supervisor = "pipeline")
final class Catalog implements Actor<Catalog.Command> {

    /** What the catalog is told and asked. */
    sealed interface Command {
        /** The ingest actor stored a document (a new one, or a new version of one). */
        record Stored(String id, String owner, String text, long bytes) implements Command {
        }

        /** The ingest actor deleted a document. */
        record Removed(String id) implements Command {
        }

        /** A tokenizer counted the terms of a version. */
        record Tokenized(String id, long version, int words, Map<String, Integer> counts) implements Command {
            public Tokenized {
                counts = Map.copyOf(counts);
            }
        }

        /** The enricher summarized a version. */
        record Enriched(String id, long version, Enrichment enrichment) implements Command {
        }

        /** Asks for a document's statistics; the reply is empty if the document is not known. */
        record GetStats(String id, ActorRef<Optional<DocumentStats>> replyTo) implements Command {
        }
    }

    /**
     * What the enricher adds to a document.
     *
     * @param summary the first sentence, shortened
     * @param readingSeconds how long reading it takes at 200 words a minute
     */
    record Enrichment(String summary, int readingSeconds) {
    }

    /**
     * A document as the catalog knows it.
     *
     * @param id the document's id, its file name
     * @param owner the principal that stored it
     * @param bytes its size
     * @param version its version in this run of the service
     * @param storedAt when it was stored
     * @param indexed whether its terms are in the index
     * @param words how many words it has (0 until indexed)
     * @param distinctTerms how many different terms (0 until indexed)
     * @param topTerms its most frequent terms
     * @param enrichment what the enricher added, or {@code null} while it has not (or failed to)
     */
    record DocumentStats(String id, String owner, long bytes, long version, Instant storedAt, boolean indexed,
                         int words, int distinctTerms, List<Terms.TermCount> topTerms, Enrichment enrichment) {
    }

    /** One document's state; mutable, confined to this actor. */
    private static final class Entry {
        final String owner;
        final long bytes;
        final long version;
        final Instant storedAt = Instant.now();
        Map<String, Integer> counts;
        int words;
        Enrichment enrichment;

        Entry(String owner, long bytes, long version) {
            this.owner = owner;
            this.bytes = bytes;
            this.version = version;
        }
    }

    private static final int TOP_TERMS = 5;

    private final ActorRef<Tokenizer.Tokenize> tokenizers;
    private final ActorRef<IndexShard.Command> index;
    private final Map<String, Entry> documents = new HashMap<>();
    private long versions;

    Catalog(@Qualifier("tokenizers") ActorRef<Tokenizer.Tokenize> tokenizers,
            @Qualifier("index") ActorRef<IndexShard.Command> index) {
        this.tokenizers = tokenizers;
        this.index = index;
    }

    @Override
    public void onMessage(Command command, ActorContext<Command> ctx) {
        if (command instanceof Command.Stored stored) {
            unindex(stored.id(), documents.get(stored.id()));
            long version = ++versions;
            documents.put(stored.id(), new Entry(stored.owner(), stored.bytes(), version));
            tokenizers.tell(new Tokenizer.Tokenize(stored.id(), version, stored.text()));
        } else if (command instanceof Command.Tokenized tokenized) {
            Entry entry = current(tokenized.id(), tokenized.version());
            if (entry != null) {
                entry.counts = tokenized.counts();
                entry.words = tokenized.words();
                entry.counts.forEach((term, count) -> index.tell(new IndexShard.Command.Add(term, tokenized.id(), count)));
            }
        } else if (command instanceof Command.Enriched enriched) {
            Entry entry = current(enriched.id(), enriched.version());
            if (entry != null) {
                entry.enrichment = enriched.enrichment();
            }
        } else if (command instanceof Command.Removed removed) {
            unindex(removed.id(), documents.remove(removed.id()));
        } else if (command instanceof Command.GetStats get) {
            get.replyTo().tell(Optional.ofNullable(documents.get(get.id())).map(entry -> stats(get.id(), entry)));
        }
    }

    private Entry current(String id, long version) {
        Entry entry = documents.get(id);
        return entry != null && entry.version == version ? entry : null;
    }

    private void unindex(String id, Entry entry) {
        if (entry != null && entry.counts != null) {
            entry.counts.keySet().forEach(term -> index.tell(new IndexShard.Command.Remove(term, id)));
        }
    }

    private static DocumentStats stats(String id, Entry entry) {
        boolean indexed = entry.counts != null;
        return new DocumentStats(id, entry.owner, entry.bytes, entry.version, entry.storedAt, indexed, entry.words,
                indexed ? entry.counts.size() : 0, indexed ? Terms.top(entry.counts, TOP_TERMS) : List.of(),
                entry.enrichment);
    }
}
