package dev.rt.sample;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rt.ActorRef;
import dev.rt.osl.fs.ErrorKind;
import dev.rt.osl.fs.FileSystemClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The documents API. Writes go through the ingest actor (an {@code ask}), reads straight to the file
 * service through a {@link FileSystemClient} for the caller's principal, statistics to the catalog (an
 * {@code ask}). Handlers return futures, so no request thread waits for the actors. Refusals become
 * HTTP errors in {@link ApiErrors}.
 */
@RestController
@RequestMapping("/documents")
class DocumentController {

    /** The request header that names who is asking; the file service's access rules match it. */
    static final String PRINCIPAL = "X-Principal";

    private final ActorRef<Ingest.Command> ingest;
    private final ActorRef<Catalog.Command> catalog;
    private final FileSystemClient files;
    private final int readLimit;

    DocumentController(ActorRef<Ingest.Command> ingest, ActorRef<Catalog.Command> catalog, FileSystemClient files,
                       @Value("${rt.osl.filesystem.max-file-size}") DataSize maxFileSize) {
        this.ingest = ingest;
        this.catalog = catalog;
        this.files = files;
        // One byte more than the file service accepts: enough for it to refuse the document as TOO_LARGE,
        // without reading an endless body into memory.
        this.readLimit = (int) Math.min(Integer.MAX_VALUE - 8, maxFileSize.toBytes() + 1);
    }

    @PostMapping(consumes = MediaType.ALL_VALUE)
    CompletableFuture<ResponseEntity<Ingest.Outcome.Stored>> store(@RequestHeader(PRINCIPAL) String principal,
                                                                  @RequestParam String name, InputStream body)
            throws IOException {
        String text = new String(body.readNBytes(readLimit), UTF_8);
        return ingest.<Ingest.Outcome>ask(replyTo -> new Ingest.Command.Store(principal, name, text, replyTo))
                .thenApply(outcome -> {
                    if (outcome instanceof Ingest.Outcome.Stored stored) {
                        return ResponseEntity.created(URI.create("/documents/" + stored.id())).body(stored);
                    }
                    throw refusal(outcome);
                });
    }

    @GetMapping(value = "/{id}", produces = MediaType.TEXT_PLAIN_VALUE)
    CompletableFuture<String> read(@RequestHeader(PRINCIPAL) String principal, @PathVariable String id) {
        return files.withPrincipal(principal).read(id).thenApply(content -> new String(content.data(), UTF_8));
    }

    @DeleteMapping("/{id}")
    CompletableFuture<ResponseEntity<Void>> delete(@RequestHeader(PRINCIPAL) String principal,
                                                   @PathVariable String id) {
        return ingest.<Ingest.Outcome>ask(replyTo -> new Ingest.Command.Delete(principal, id, replyTo))
                .thenApply(outcome -> {
                    if (outcome instanceof Ingest.Outcome.Deleted) {
                        return ResponseEntity.noContent().build();
                    }
                    throw refusal(outcome);
                });
    }

    @GetMapping("/{id}/stats")
    CompletableFuture<Catalog.DocumentStats> stats(@PathVariable String id) {
        return catalog.<Optional<Catalog.DocumentStats>>ask(replyTo -> new Catalog.Command.GetStats(id, replyTo))
                .thenApply(stats -> stats.orElseThrow(() -> new DocumentRejectedException(ErrorKind.NOT_FOUND,
                        "no document '" + id + "' is known")));
    }

    private static RuntimeException refusal(Ingest.Outcome outcome) {
        if (outcome instanceof Ingest.Outcome.Rejected rejected) {
            return new DocumentRejectedException(rejected.error(), rejected.message());
        }
        return new IllegalStateException("unexpected outcome " + outcome);
    }
}
