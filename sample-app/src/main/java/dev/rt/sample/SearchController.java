package dev.rt.sample;

import dev.rt.ActorRef;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /search?term=...}: an {@code ask} through the "index" router, which hashes the term to the
 * one shard that holds it.
 */
@RestController
class SearchController {

    private final ActorRef<IndexShard.Command> index;

    SearchController(@Qualifier("index") ActorRef<IndexShard.Command> index) {
        this.index = index;
    }

    @GetMapping("/search")
    CompletableFuture<IndexShard.Hits> search(@RequestParam String term) {
        String normalized = Terms.normalize(term);
        if (!Terms.count(normalized).keySet().equals(Set.of(normalized))) {
            throw new IllegalArgumentException("search for one term: letters and digits, such as ?term=actor; got '"
                    + term + "'");
        }
        return index.ask(replyTo -> new IndexShard.Command.Query(normalized, replyTo));
    }
}
