package dev.rt.sample;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.spring.RtActor;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard of the inverted index: for each of its terms, which documents contain it and how often. It
 * runs only as the routees of the "index" router, which hashes every message by its term
 * (consistent hashing, key function bean "termKey"), so all updates and queries of one term reach the
 * same shard. Its postings live in memory only: when it starts (or restarts after a failure, empty) it
 * tells the catalog, which sends it the postings again.
 */
@RtActor(name = "indexShard")
final class IndexShard implements Actor<IndexShard.Command> {

    /** What a shard is told and asked; every message names its term, the routing key. */
    sealed interface Command {
        /** @return the term, which picks the shard */
        String term();

        /** A document contains the term this often. */
        record Add(String term, String id, int count) implements Command {
        }

        /** A document no longer counts for the term. */
        record Remove(String term, String id) implements Command {
        }

        /** Which documents contain the term? */
        record Query(String term, ActorRef<Hits> replyTo) implements Command {
        }

        /** Forget every posting; sent by the catalog straight to each shard, not through the router. */
        record Clear() implements Command {
            @Override
            public String term() {
                return "";
            }
        }

        /** Chaos: the shard that holds {@code term} fails while handling this, and restarts empty. */
        record Crash(String term) implements Command {
        }
    }

    /**
     * The answer to a {@link Command.Query}.
     *
     * @param term the term
     * @param shard the path of the shard that answered
     * @param hits the documents, most occurrences first
     */
    record Hits(String term, String shard, List<Hit> hits) {
    }

    /**
     * A document that contains the term.
     *
     * @param id the document
     * @param count how often it contains the term
     */
    record Hit(String id, int count) {
    }

    /** The thrown {@link Command.Crash}. */
    static final class CrashRequestedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CrashRequestedException(String shard) {
            super("crash of index shard " + shard + " requested through POST /chaos/crash/index");
        }
    }

    private final ActorRef<Catalog.Command> catalog;
    private final Map<String, Map<String, Integer>> postings = new HashMap<>();

    IndexShard(ActorRef<Catalog.Command> catalog) {
        this.catalog = catalog;
    }

    @Override
    public void preStart(ActorContext<Command> ctx) {
        catalog.tell(new Catalog.Command.ShardStarted(ctx.self().address().path()));
    }

    @Override
    public void onMessage(Command command, ActorContext<Command> ctx) {
        if (command instanceof Command.Add add) {
            postings.computeIfAbsent(add.term(), term -> new HashMap<>()).put(add.id(), add.count());
        } else if (command instanceof Command.Remove remove) {
            Map<String, Integer> documents = postings.get(remove.term());
            if (documents != null && documents.remove(remove.id()) != null && documents.isEmpty()) {
                postings.remove(remove.term());
            }
        } else if (command instanceof Command.Query query) {
            List<Hit> hits = postings.getOrDefault(query.term(), Map.of()).entrySet().stream()
                    .map(e -> new Hit(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingInt(Hit::count).reversed().thenComparing(Hit::id))
                    .toList();
            query.replyTo().tell(new Hits(query.term(), ctx.self().address().path(), hits));
        } else if (command instanceof Command.Clear) {
            postings.clear();
        } else if (command instanceof Command.Crash) {
            throw new CrashRequestedException(ctx.self().address().path());
        }
    }
}
