package dev.rt.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.rt.test.TestProbe;
import dev.rt.test.spring.RtTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * {@code GET /documents/{id}/stats} over HTTP with a probe standing in for the catalog actor
 * ({@code @RtTest(probes = "catalog")}): the request the catalog receives, and the answer for its reply.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RtTest(probes = "catalog")
class DocumentStatsTests {

    @TempDir
    static Path data;

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("catalog")
    TestProbe<Catalog.Command> catalog;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("sample.data-dir", () -> data.toString());
    }

    /** Status and body of a GET, sent from another thread: the answer waits for the probe's reply. */
    private CompletableFuture<String[]> getAsync(String uri, String principal) {
        return CompletableFuture.supplyAsync(() -> RestClient.create("http://localhost:" + port).get().uri(uri)
                .header(DocumentController.PRINCIPAL, principal)
                .exchange((request, response) -> new String[] {String.valueOf(response.getStatusCode().value()),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)}));
    }

    @Test
    void answersWithWhatTheCatalogReplies() throws IOException {
        Files.writeString(data.resolve("known.txt"), "Known text.");
        CompletableFuture<String[]> response = getAsync("/documents/known.txt/stats", "bob");

        Catalog.Command.GetStats asked = catalog.expectMessageClass(Catalog.Command.GetStats.class);
        assertThat(asked.id()).isEqualTo("known.txt");
        asked.replyTo().tell(Optional.of(new Catalog.DocumentStats("known.txt", "alice", 11, 3,
                Instant.parse("2026-01-02T03:04:05Z"), true, 2, 2, List.of(new Terms.TermCount("known", 1)),
                new Catalog.Enrichment("Known text.", 1))));

        String[] answer = response.join();
        assertThat(answer[0]).isEqualTo("200");
        DocumentContext json = JsonPath.parse(answer[1]);
        assertThat(json.read("$.id", String.class)).isEqualTo("known.txt");
        assertThat(json.read("$.owner", String.class)).isEqualTo("alice");
        assertThat(json.read("$.version", Integer.class)).isEqualTo(3);
        assertThat(json.read("$.storedAt", String.class)).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.read("$.topTerms[0].term", String.class)).isEqualTo("known");
        assertThat(json.read("$.enrichment.summary", String.class)).isEqualTo("Known text.");
        catalog.expectNoMessage();
    }

    @Test
    void anEmptyReplyIsNotFound() throws IOException {
        Files.writeString(data.resolve("unknown.txt"), "On disk, not in the catalog.");
        CompletableFuture<String[]> response = getAsync("/documents/unknown.txt/stats", "alice");

        catalog.expectMessageClass(Catalog.Command.GetStats.class).replyTo().tell(Optional.empty());

        String[] answer = response.join();
        assertThat(answer[0]).isEqualTo("404");
        assertThat(JsonPath.parse(answer[1]).read("$.error", String.class)).isEqualTo("NOT_FOUND");
    }

    @Test
    void aPrincipalThatMayNotReadTheDocumentIsRefusedWithoutAskingTheCatalog() throws IOException {
        Files.writeString(data.resolve("private.txt"), "Not for guests.");

        String[] answer = getAsync("/documents/private.txt/stats", "guest").join();

        assertThat(answer[0]).isEqualTo("403");
        assertThat(JsonPath.parse(answer[1]).read("$.error", String.class)).isEqualTo("ACCESS_DENIED");
        catalog.expectNoMessage();
    }
}
