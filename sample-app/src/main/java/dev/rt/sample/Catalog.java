package dev.rt.sample;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.osl.fs.FileSystemClient;
import dev.rt.osl.fs.FileType;
import dev.rt.spring.RtActor;
import dev.rt.spring.router.RouterBeanRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The registry of stored documents and the hub of the pipeline. It numbers each stored version of a
 * document, hands the text to the tokenizer pool, keeps the statistics the tokenizers and the enricher
 * send back, and keeps the index in step: it is the only sender to the index shards, so a shard sees the
 * removal of a document's old terms before the terms of its new version (per-sender order). Replies that
 * belong to a version that was replaced or removed meanwhile are ignored.
 *
 * <p>The files are the truth; the catalog and the index are rebuilt from them. When the catalog starts
 * (with the service, or restarted by the "pipeline" supervisor after a failure, which restarts the
 * ingest actor with it) it clears every index shard and re-indexes the documents in the store, read
 * through the file service as the service's own principal ({@code rt.osl.filesystem.client.principal}).
 * When an index shard restarts (empty), it says so and the catalog sends it the postings again.
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

        /** A tokenizer counted the terms of the version stamped {@code stamp}. */
        record Tokenized(String id, long stamp, int words, Map<String, Integer> counts) implements Command {
            public Tokenized {
                counts = Map.copyOf(counts);
            }
        }

        /** The enricher summarized the version stamped {@code stamp}. */
        record Enriched(String id, long stamp, Enrichment enrichment) implements Command {
        }

        /** Asks for a document's statistics; the reply is empty if the document is not known. */
        record GetStats(String id, ActorRef<Optional<DocumentStats>> replyTo) implements Command {
        }

        /** Rebuild the catalog and the index from the documents in the store. */
        record Reload() implements Command {
        }

        /** A document found in the store while reloading. */
        record Found(String id, String text, long bytes) implements Command {
        }

        /** An index shard started empty (first start or restart) and needs the postings again. */
        record ShardStarted(String shard) implements Command {
        }

        /** Chaos: fail while handling this, to watch the "pipeline" supervisor restart the catalog. */
        record Crash() implements Command {
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
     * @param owner the principal that stored it, or {@code null} if it was found in the store on a (re)start
     * @param bytes its size
     * @param version its version: 1 when it was stored (or found on a start), one more for each new version
     * @param storedAt when it was stored (or found)
     * @param indexed whether its terms are in the index
     * @param words how many words it has (0 until indexed)
     * @param distinctTerms how many different terms (0 until indexed)
     * @param topTerms its most frequent terms
     * @param enrichment what the enricher added, or {@code null} while it has not (or failed to)
     */
    record DocumentStats(String id, String owner, long bytes, long version, Instant storedAt, boolean indexed,
                         int words, int distinctTerms, List<Terms.TermCount> topTerms, Enrichment enrichment) {
    }

    /** The thrown {@link Command.Crash}. */
    static final class CrashRequestedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CrashRequestedException() {
            super("crash requested through POST /chaos/crash/catalog");
        }
    }

    /** One document's state; mutable, confined to this actor. */
    private static final class Entry {
        final String owner;
        final long bytes;
        final long version;
        final long stamp;
        final Instant storedAt = Instant.now();
        Map<String, Integer> counts;
        int words;
        Enrichment enrichment;

        Entry(String owner, long bytes, long version, long stamp) {
            this.owner = owner;
            this.bytes = bytes;
            this.version = version;
            this.stamp = stamp;
        }
    }

    private static final int TOP_TERMS = 5;
    /**
     * Tells the replies of tokenizers and the enricher apart, across documents and across catalog
     * restarts: a reply to the catalog that failed can still be on its way to the new one.
     */
    private static final AtomicLong STAMPS = new AtomicLong();

    private final ActorRef<Tokenizer.Tokenize> tokenizers;
    private final RouterBeanRef<IndexShard.Command> index;
    private final FileSystemClient store;
    private final Map<String, Entry> documents = new HashMap<>();
    /** Stored or removed since this catalog started: what a reload finds of these is older, and ignored. */
    private final Set<String> changedSinceStart = new HashSet<>();

    Catalog(@Qualifier("tokenizers") ActorRef<Tokenizer.Tokenize> tokenizers,
            @Qualifier("index") RouterBeanRef<IndexShard.Command> index, FileSystemClient store) {
        this.tokenizers = tokenizers;
        this.index = index;
        this.store = store;
    }

    @Override
    public void preStart(ActorContext<Command> ctx) {
        // On the service's start the routers are not running yet: CatalogStartup sends the first Reload.
        if (index.isStarted()) {
            ctx.self().tell(new Command.Reload());
        }
    }

    @Override
    public void onMessage(Command command, ActorContext<Command> ctx) {
        if (command instanceof Command.Stored stored) {
            changedSinceStart.add(stored.id());
            store(stored.id(), stored.owner(), stored.text(), stored.bytes());
        } else if (command instanceof Command.Tokenized tokenized) {
            Entry entry = current(tokenized.id(), tokenized.stamp());
            if (entry != null) {
                entry.counts = tokenized.counts();
                entry.words = tokenized.words();
                index(tokenized.id(), entry);
            }
        } else if (command instanceof Command.Enriched enriched) {
            Entry entry = current(enriched.id(), enriched.stamp());
            if (entry != null) {
                entry.enrichment = enriched.enrichment();
            }
        } else if (command instanceof Command.Removed removed) {
            changedSinceStart.add(removed.id());
            unindex(removed.id(), documents.remove(removed.id()));
        } else if (command instanceof Command.GetStats get) {
            get.replyTo().tell(Optional.ofNullable(documents.get(get.id())).map(entry -> stats(get.id(), entry)));
        } else if (command instanceof Command.Reload) {
            reload(ctx);
        } else if (command instanceof Command.Found found) {
            if (!changedSinceStart.contains(found.id()) && !documents.containsKey(found.id())) {
                store(found.id(), null, found.text(), found.bytes());
            }
        } else if (command instanceof Command.ShardStarted started) {
            ctx.log().debug("index shard {} started; sending it the postings of {} documents", started.shard(),
                    documents.size());
            documents.forEach(this::index);
        } else if (command instanceof Command.Crash) {
            throw new CrashRequestedException();
        }
    }

    private void store(String id, String owner, String text, long bytes) {
        Entry previous = documents.get(id);
        unindex(id, previous);
        long stamp = STAMPS.incrementAndGet();
        documents.put(id, new Entry(owner, bytes, previous == null ? 1 : previous.version + 1, stamp));
        tokenizers.tell(new Tokenizer.Tokenize(id, stamp, text));
    }

    /**
     * Empties every shard (they may hold postings of a catalog that failed), then reads the store. The
     * clear goes straight to each routee, and the postings after it through the router: both from this
     * actor, so each shard sees the clear first.
     */
    private void reload(ActorContext<Command> ctx) {
        index.routees().asList().forEach(shard -> shard.tell(new IndexShard.Command.Clear()));
        documents.forEach(this::index);
        // the answers come on other threads: they only tell this actor, through its ref
        ActorRef<Command> self = ctx.self();
        Logger log = ctx.log();
        store.list(".").whenComplete((listing, failure) -> {
            if (failure != null) {
                log.warn("cannot list the store to re-index it: {}", failure.toString());
                return;
            }
            listing.entries().stream().filter(entry -> entry.type() == FileType.FILE).forEach(entry ->
                    store.read(entry.name()).whenComplete((content, error) -> {
                        if (content != null) {
                            self.tell(new Command.Found(entry.name(), new String(content.data(), UTF_8),
                                    content.data().length));
                        } else {
                            log.warn("cannot read '{}' to re-index it: {}", entry.name(), error.toString());
                        }
                    }));
        });
    }

    private Entry current(String id, long stamp) {
        Entry entry = documents.get(id);
        return entry != null && entry.stamp == stamp ? entry : null;
    }

    private void index(String id, Entry entry) {
        if (entry.counts != null) {
            entry.counts.forEach((term, count) -> index.tell(new IndexShard.Command.Add(term, id, count)));
        }
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
