package dev.rt.sample;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rt.ActorRef;
import dev.rt.osl.fs.ErrorKind;
import dev.rt.osl.fs.FileSystemClient;
import dev.rt.spring.autoconfigure.RtProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 * {@code ask}) once the file service has confirmed that the caller may read the document. Handlers return
 * futures, so no request thread waits for the actors. Refusals become HTTP errors in {@link ApiErrors}.
 */
@RestController
@RequestMapping("/documents")
final class DocumentController {

    /** The request header that names who is asking; the file service's access rules match it. */
    static final String PRINCIPAL = "X-Principal";

    private final ActorRef<Ingest.Command> ingest;
    private final ActorRef<Catalog.Command> catalog;
    private final FileSystemClient files;
    private final DataSize maxFileSize;

    DocumentController(ActorRef<Ingest.Command> ingest, ActorRef<Catalog.Command> catalog, FileSystemClient files,
                       RtProperties properties) {
        this.ingest = ingest;
        this.catalog = catalog;
        this.files = files;
        // the starter's properties bean, so the starter's default applies when the key is left out
        this.maxFileSize = properties.getOsl().getFilesystem().getMaxFileSize();
    }

    /** Only {@code text/plain}: a form post or JSON gets 415 instead of being stored as something else. */
    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    CompletableFuture<ResponseEntity<Ingest.Outcome.Stored>> store(@RequestHeader(PRINCIPAL) String principal,
                                                                  @RequestParam String name, InputStream body)
            throws IOException {
        // one byte more than allowed tells a too large body apart, without reading an endless one into memory
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileSize.toBytes() + 1));
        if (bytes.length > maxFileSize.toBytes()) {
            throw new DocumentRejectedException(ErrorKind.TOO_LARGE, "a document may have at most "
                    + maxFileSize.toBytes() + " bytes (rt.osl.filesystem.max-file-size)");
        }
        String text = utf8(bytes);
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

    /**
     * The catalog's statistics of a document, for a principal that may read it: the file service checks
     * that first (a {@code stat} needs the read permission), so a principal the rules deny gets 403.
     */
    @GetMapping("/{id}/stats")
    CompletableFuture<Catalog.DocumentStats> stats(@RequestHeader(PRINCIPAL) String principal,
                                                   @PathVariable String id) {
        return files.withPrincipal(principal).stat(id)
                .thenCompose(readable -> catalog.<Optional<Catalog.DocumentStats>>ask(
                        replyTo -> new Catalog.Command.GetStats(id, replyTo)))
                .thenApply(stats -> stats.orElseThrow(() -> new DocumentRejectedException(ErrorKind.NOT_FOUND,
                        "no document '" + id + "' is known")));
    }

    /** Decodes strictly: a body that is not UTF-8 is refused, not stored with replacement characters. */
    private static String utf8(byte[] bytes) {
        try {
            return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the document is not valid UTF-8 text: " + e.getMessage());
        }
    }

    private static RuntimeException refusal(Ingest.Outcome outcome) {
        if (outcome instanceof Ingest.Outcome.Rejected rejected) {
            return new DocumentRejectedException(rejected.error(), rejected.message());
        }
        return new IllegalStateException("unexpected outcome " + outcome);
    }
}
