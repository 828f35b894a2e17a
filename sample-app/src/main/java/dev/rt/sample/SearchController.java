package dev.rt.sample;

import dev.rt.ActorRef;
import dev.rt.osl.fs.ErrorKind;
import dev.rt.osl.fs.FileOperationException;
import dev.rt.osl.fs.FileSystemClient;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /search?term=...}: an {@code ask} through the "index" router, which hashes the term to the
 * one shard that holds it. The index knows every document, so the hits are filtered to those the caller's
 * principal may read, as the file service's access rules decide (a {@code stat} per hit, in parallel):
 * a search never reveals a document its caller could not open. A hit whose file is gone is dropped too.
 */
@RestController
final class SearchController {

    private final ActorRef<IndexShard.Command> index;
    private final FileSystemClient files;

    SearchController(@Qualifier("index") ActorRef<IndexShard.Command> index, FileSystemClient files) {
        this.index = index;
        this.files = files;
    }

    @GetMapping("/search")
    CompletableFuture<IndexShard.Hits> search(@RequestHeader(DocumentController.PRINCIPAL) String principal,
                                              @RequestParam String term) {
        String normalized = Terms.normalize(term);
        if (!Terms.count(normalized).keySet().equals(Set.of(normalized))) {
            throw new IllegalArgumentException("search for one term: letters and digits, such as ?term=actor; got '"
                    + term + "'");
        }
        FileSystemClient caller = files.withPrincipal(principal);
        return index.<IndexShard.Hits>ask(replyTo -> new IndexShard.Command.Query(normalized, replyTo))
                .thenCompose(hits -> readable(caller, hits));
    }

    private static CompletableFuture<IndexShard.Hits> readable(FileSystemClient caller, IndexShard.Hits hits) {
        List<CompletableFuture<IndexShard.Hit>> checks = hits.hits().stream()
                .map(hit -> caller.stat(hit.id()).handle((metadata, error) -> keepIfReadable(hit, error)))
                .toList();
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(done -> new IndexShard.Hits(
                hits.term(), hits.shard(), checks.stream().map(CompletableFuture::join).filter(Objects::nonNull)
                        .toList()));
    }

    /** Denied or gone: not a hit for this caller. Anything else (a timeout, an I/O error) fails the search. */
    private static IndexShard.Hit keepIfReadable(IndexShard.Hit hit, Throwable error) {
        if (error == null) {
            return hit;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof FileOperationException failed
                && (failed.kind() == ErrorKind.ACCESS_DENIED || failed.kind() == ErrorKind.NOT_FOUND)) {
            return null;
        }
        throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
    }
}
