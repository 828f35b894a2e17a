package dev.rt.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

/**
 * The service end to end, over HTTP on a random port: documents through the pipeline, supervision and
 * health under injected failures, metrics, the actor tree, and every error mapping.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // shorter than the 10 s of application.yml to keep the test quick, yet long enough for a loaded
        // machine to poll health at least once during the backoff (the wait for UP allows 30 s)
        "rt.supervisors.enrichment.backoff.min=6s", "rt.supervisors.enrichment.backoff.max=6s"})
class SampleApplicationTests {

    private static final Path DATA = createDataDir();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("sample.data-dir", () -> DATA.resolve("documents").toString());
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("rt-sample-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response: status and body. */
    record Reply(int status, String body) {
        DocumentContext json() {
            return JsonPath.parse(body);
        }

        <T> T read(String path, Class<T> type) {
            return json().read(path, type);
        }
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    private RestClient client() {
        return RestClient.create("http://localhost:" + port);
    }

    private Reply get(String uri, String principal) {
        return client().get().uri(uri).headers(h -> principal(h, principal)).exchange((request, response) ->
                new Reply(response.getStatusCode().value(), new String(response.getBody().readAllBytes(),
                        StandardCharsets.UTF_8)));
    }

    private Reply get(String uri) {
        return get(uri, null);
    }

    private Reply post(String uri, String principal, byte[] body) {
        return post(uri, principal, MediaType.TEXT_PLAIN, body);
    }

    private Reply post(String uri, String principal, MediaType type, byte[] body) {
        return client().post().uri(uri).headers(h -> principal(h, principal)).contentType(type)
                .body(body).exchange((request, response) -> new Reply(response.getStatusCode().value(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private Reply store(String principal, String name, String text) {
        return post("/documents?name={name}".replace("{name}", name), principal, text.getBytes(StandardCharsets.UTF_8));
    }

    private Reply delete(String uri, String principal) {
        return client().delete().uri(uri).headers(h -> principal(h, principal)).exchange((request, response) ->
                new Reply(response.getStatusCode().value(), new String(response.getBody().readAllBytes(),
                        StandardCharsets.UTF_8)));
    }

    private static void principal(HttpHeaders headers, String principal) {
        if (principal != null) {
            headers.set(DocumentController.PRINCIPAL, principal);
        }
    }

    private void assertProblem(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.read("$.status", Integer.class)).isEqualTo(status);
        assertThat(reply.read("$.error", String.class)).isEqualTo(error);
        assertThat(reply.read("$.detail", String.class)).isNotBlank();
    }

    /** A meter's value; a meter or tag that does not exist (404) fails the test instead of reading as 0. */
    private double meter(String name, String... tags) {
        StringBuilder uri = new StringBuilder("/actuator/metrics/" + name);
        for (int i = 0; i < tags.length; i++) {
            uri.append(i == 0 ? "?" : "&").append("tag=").append(tags[i]);
        }
        Reply reply = get(uri.toString());
        assertThat(reply.status()).as("meter %s %s: %s", name, Arrays.toString(tags), reply.body()).isEqualTo(200);
        return reply.read("$.measurements[0].value", Double.class);
    }

    private List<String> hits(String term, String principal) {
        Reply reply = get("/search?term=" + term, principal);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().read("$.hits[*].id");
    }

    private Reply stats(String id) {
        return get("/documents/" + id + "/stats", "alice");
    }

    @AfterAll
    static void removeDataDir() throws IOException {
        FileSystemUtils.deleteRecursively(DATA);
    }

    @AfterEach
    void noInjectedFailuresLeft() {
        client().post().uri("/chaos/failure-rate?rate=0").retrieve().toBodilessEntity();
    }

    @Test
    void storesReadsSearchesAndDeletesADocument() throws IOException {
        Reply stored = store("alice", "guide.txt", "Actors handle one message at a time. Actors share nothing.");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.read("$.id", String.class)).isEqualTo("guide.txt");
        assertThat(stored.read("$.bytes", Long.class)).isEqualTo(58L);
        assertThat(Files.readString(DATA.resolve("documents/guide.txt")))
                .isEqualTo("Actors handle one message at a time. Actors share nothing.");

        Reply read = get("/documents/guide.txt", "bob");          // a reader may read
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("Actors handle one message at a time. Actors share nothing.");

        eventually().until(() -> stats("guide.txt").read("$.indexed", Boolean.class));
        eventually().until(() -> stats("guide.txt").json().read("$.enrichment") != null);
        DocumentContext stats = stats("guide.txt").json();
        assertThat(stats.read("$.owner", String.class)).isEqualTo("alice");
        assertThat(stats.read("$.words", Integer.class)).isEqualTo(10);
        assertThat(stats.read("$.distinctTerms", Integer.class)).isEqualTo(9);
        assertThat(stats.read("$.topTerms[0].term", String.class)).isEqualTo("actors");
        assertThat(stats.read("$.topTerms[0].count", Integer.class)).isEqualTo(2);
        assertThat(stats.read("$.enrichment.summary", String.class)).isEqualTo("Actors handle one message at a time.");
        assertThat(stats.read("$.enrichment.readingSeconds", Integer.class)).isEqualTo(3);

        Reply search = get("/search?term=ACTORS", "bob");
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.read("$.term", String.class)).isEqualTo("actors");
        assertThat(search.json().<List<String>>read("$.hits[*].id")).containsExactly("guide.txt");
        assertThat(search.read("$.hits[0].count", Integer.class)).isEqualTo(2);
        String shard = search.read("$.shard", String.class);
        assertThat(shard).startsWith("/user/index/");
        assertThat(get("/search?term=actors", "alice").read("$.shard", String.class)).isEqualTo(shard); // same shard
        // a search shows only what the caller may read: the rules deny guest and anyone they do not name
        assertThat(hits("actors", "guest")).isEmpty();
        assertThat(hits("actors", "mallory")).isEmpty();

        // a new version replaces the old one in the index
        assertThat(store("alice", "guide.txt", "Supervisors restart actors.").status()).isEqualTo(201);
        eventually().until(() -> hits("supervisors", "alice").contains("guide.txt"));
        eventually().until(() -> hits("message", "alice").isEmpty());
        eventually().until(() -> stats("guide.txt").read("$.indexed", Boolean.class));
        assertThat(stats("guide.txt").read("$.version", Long.class)).isEqualTo(2L);
        // versions count per document: another document's first version is 1
        assertThat(store("alice", "second.txt", "Another document.").status()).isEqualTo(201);
        assertThat(stats("second.txt").read("$.version", Long.class)).isEqualTo(1L);
        assertThat(delete("/documents/second.txt", "alice").status()).isEqualTo(204);

        assertThat(delete("/documents/guide.txt", "alice").status()).isEqualTo(204);
        assertThat(DATA.resolve("documents/guide.txt")).doesNotExist();
        assertProblem(get("/documents/guide.txt", "alice"), 404, "NOT_FOUND");
        assertProblem(stats("guide.txt"), 404, "NOT_FOUND");
        eventually().until(() -> hits("supervisors", "alice").isEmpty());
    }

    @Test
    void termsSpreadOverTheShardsByConsistentHashing() {
        String text = "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november";
        assertThat(store("alice", "alphabet.txt", text).status()).isEqualTo(201);
        eventually().until(() -> hits("november", "alice").contains("alphabet.txt"));
        List<String> shards = Arrays.stream(text.split(" "))
                .map(term -> get("/search?term=" + term, "alice"))
                .peek(reply -> assertThat(reply.json().<List<String>>read("$.hits[*].id")).contains("alphabet.txt"))
                .map(reply -> reply.read("$.shard", String.class))
                .distinct().toList();
        assertThat(shards).hasSizeGreaterThan(1).allSatisfy(s -> assertThat(s).matches("/user/index/routee-[1-4]"));
        assertThat(delete("/documents/alphabet.txt", "alice").status()).isEqualTo(204);
    }

    @Test
    void everyRefusalIsAnHttpErrorAndTheServiceKeepsRunning() {
        // a path that tries to leave the sandbox
        assertProblem(store("alice", "../../etc/passwd", "x"), 400, "OUTSIDE_ROOT");
        assertProblem(store("alice", "/etc/passwd", "x"), 400, "OUTSIDE_ROOT");
        assertProblem(store("alice", "bad\\name.txt", "x"), 400, "INVALID_PATH");
        // principals the rules do not allow to write
        assertProblem(store("bob", "notes.txt", "x"), 403, "ACCESS_DENIED");
        assertProblem(store("guest", "notes.txt", "x"), 403, "ACCESS_DENIED");
        assertProblem(store("mallory", "notes.txt", "x"), 403, "ACCESS_DENIED");
        assertProblem(store("alice", "nested/notes.txt", "x"), 403, "ACCESS_DENIED"); // rules allow "*" only
        assertThat(store("alice", "kept.txt", "kept").status()).isEqualTo(201);
        assertProblem(get("/documents/kept.txt", "mallory"), 403, "ACCESS_DENIED");
        assertProblem(delete("/documents/kept.txt", "bob"), 403, "ACCESS_DENIED");
        assertThat(get("/documents/kept.txt", "bob").body()).isEqualTo("kept");
        // missing things
        assertProblem(get("/documents/missing.txt", "alice"), 404, "NOT_FOUND");
        assertProblem(delete("/documents/missing.txt", "alice"), 404, "NOT_FOUND");
        assertProblem(get("/documents/missing.txt/stats", "alice"), 404, "NOT_FOUND");
        // statistics need a principal that may read the document
        assertThat(get("/documents/kept.txt/stats", "bob").read("$.id", String.class)).isEqualTo("kept.txt");
        assertProblem(get("/documents/kept.txt/stats", "guest"), 403, "ACCESS_DENIED");
        assertProblem(get("/documents/kept.txt/stats", "mallory"), 403, "ACCESS_DENIED");
        assertProblem(get("/documents/kept.txt/stats"), 400, "BAD_REQUEST");
        // a directory where a document is expected
        assertThat(DATA.resolve("documents/folder").toFile().mkdir()).isTrue();
        assertProblem(get("/documents/folder", "alice"), 400, "NOT_A_FILE");
        assertProblem(store("alice", "folder", "x"), 400, "NOT_A_FILE");
        // too large: the limit is rt.osl.filesystem.max-file-size (1MB)
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');
        assertProblem(post("/documents?name=big.txt", "alice", big), 413, "TOO_LARGE");
        assertThat(DATA.resolve("documents/big.txt")).doesNotExist();
        byte[] limit = Arrays.copyOf(big, 1024 * 1024);
        assertThat(post("/documents?name=limit.txt", "alice", limit).status()).isEqualTo(201);
        // malformed requests
        Reply noPrincipal = post("/documents?name=x.txt", null, new byte[] {'x'});
        assertProblem(noPrincipal, 400, "BAD_REQUEST");
        assertThat(noPrincipal.read("$.detail", String.class)).contains(DocumentController.PRINCIPAL);
        Reply noName = post("/documents", "alice", new byte[] {'x'});
        assertProblem(noName, 400, "BAD_REQUEST");
        assertThat(noName.read("$.detail", String.class)).contains("name");
        // only text/plain, and only valid UTF-8: nothing is stored altered
        assertProblem(post("/documents?name=form.txt", "alice", MediaType.APPLICATION_FORM_URLENCODED,
                "a=b".getBytes(StandardCharsets.UTF_8)), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(post("/documents?name=latin1.txt", "alice", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)),
                400, "BAD_REQUEST");
        assertThat(DATA.resolve("documents/form.txt")).doesNotExist();
        assertThat(DATA.resolve("documents/latin1.txt")).doesNotExist();
        assertProblem(get("/search?term=two%20words", "alice"), 400, "BAD_REQUEST");
        assertProblem(get("/search?term=kept"), 400, "BAD_REQUEST");
        assertProblem(post("/chaos/failure-rate?rate=2", null, new byte[0]), 400, "BAD_REQUEST");

        assertThat(get("/actuator/health").read("$.status", String.class)).isEqualTo("UP");
        assertThat(delete("/documents/kept.txt", "alice").status()).isEqualTo(204);
        assertThat(delete("/documents/limit.txt", "alice").status()).isEqualTo(204);
        assertThat(DATA.resolve("documents/folder").toFile().delete()).isTrue();
        // every refusal was a reply, not a crash: nothing in the pipeline restarted
        assertThat(meter("rt.supervisor.restarts", "supervisor:pipeline")).isZero();
    }

    @Test
    void injectedFailuresRestartTheEnricherThenHealthGoesDownAndComesBackUp() {
        assertThat(get("/actuator/health").read("$.components.rt.components.enrichment.status", String.class))
                .isEqualTo("UP");
        double restartsBefore = meter("rt.supervisor.restarts", "supervisor:enrichers", "child:enricher");
        double failedBefore = meter("rt.messages.dead", "reason:failed");

        Reply chaos = post("/chaos/failure-rate?rate=1", null, new byte[0]);
        assertThat(chaos.read("$.failureRate", Double.class)).isEqualTo(1.0);
        // one failure within the intensity: restarted, still UP
        assertThat(store("alice", "flaky-0.txt", "First try.").status()).isEqualTo(201);
        eventually().until(() -> meter("rt.supervisor.restarts", "supervisor:enrichers", "child:enricher")
                == restartsBefore + 1);
        Reply health = get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.read("$.components.rt.components.enrichment.details.supervisors.enrichers.restartsInWindow",
                Integer.class)).isEqualTo(1);

        // three more: over the intensity of "enrichers" (3 restarts in 30 s): it gives up, health is DOWN
        for (int i = 1; i <= 3; i++) {
            assertThat(store("alice", "flaky-" + i + ".txt", "Try " + i + ".").status()).isEqualTo(201);
        }
        // the report asserted is the one seen during the backoff, so the backoff may end meanwhile
        Reply down = eventually().until(() -> get("/actuator/health"), reply -> reply.status() == 503
                && "BACKING_OFF".equals(reply.read("$.components.rt.components.enrichment.details.state", String.class)));
        assertThat(down.read("$.status", String.class)).isEqualTo("DOWN");
        assertThat(down.read("$.components.rt.status", String.class)).isEqualTo("DOWN");
        assertThat(down.read("$.components.rt.components.enrichment.status", String.class)).isEqualTo("DOWN");
        assertThat(down.read("$.components.rt.components.enrichment.details.state", String.class))
                .isEqualTo("BACKING_OFF");
        assertThat(down.read("$.components.rt.components.enrichment.details.supervisors.enrichers.state",
                String.class)).isEqualTo("FAILED");
        assertThat(down.read("$.components.rt.components.enrichment.details.supervisors.enrichers.lastFailure.type",
                String.class)).isEqualTo(Enricher.EnrichmentFailedException.class.getName());
        assertThat(down.read("$.components.rt.components.pipeline.status", String.class)).isEqualTo("UP");
        // liveness does not include rt (readiness does, and is 503 only as long as the backoff lasts)
        assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
        // storing and searching still work while enrichment is down
        assertThat(store("alice", "during.txt", "Stored while enrichment is down.").status()).isEqualTo(201);
        eventually().until(() -> hits("enrichment", "bob").contains("during.txt"));
        assertThat(stats("during.txt").read("$.words", Integer.class)).isEqualTo(5);

        // failures off; the parent "enrichment" restarts "enrichers" after its backoff: UP again
        assertThat(post("/chaos/failure-rate?rate=0", null, new byte[0]).status()).isEqualTo(200);
        eventually().until(() -> get("/actuator/health").status() == 200);
        Reply up = get("/actuator/health");
        assertThat(up.read("$.components.rt.components.enrichment.details.supervisors.enrichers.state", String.class))
                .isEqualTo("RUNNING");
        assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(meter("rt.supervisor.restarts", "supervisor:enrichment", "child:enrichers")).isGreaterThanOrEqualTo(1);
        assertThat(meter("rt.supervisor.restarts", "supervisor:enrichers", "child:enricher"))
                .isGreaterThanOrEqualTo(restartsBefore + 3);
        assertThat(meter("rt.messages.dead", "reason:failed")).isGreaterThanOrEqualTo(failedBefore + 4);

        // and the new enricher does its work
        assertThat(store("alice", "after.txt", "Back to normal. Enriched again.").status()).isEqualTo(201);
        eventually().until(() -> stats("after.txt").json().read("$.enrichment") != null);
        assertThat(stats("after.txt").read("$.enrichment.summary", String.class))
                .isEqualTo("Back to normal.");
        for (String id : List.of("flaky-0.txt", "flaky-1.txt", "flaky-2.txt", "flaky-3.txt", "during.txt", "after.txt")) {
            assertThat(delete("/documents/" + id, "alice").status()).isEqualTo(204);
        }
    }

    @Test
    void metricsAndPrometheusShowTheActors() {
        assertThat(store("alice", "metrics.txt", "Counting messages.").status()).isEqualTo(201);
        eventually().until(() -> meter("rt.messages.delivered") > 0);
        Reply sent = get("/actuator/metrics/rt.messages.sent");
        assertThat(sent.read("$.baseUnit", String.class)).isEqualTo("messages");
        assertThat(meter("rt.osl.fs.operations", "operation:write", "outcome:success")).isGreaterThanOrEqualTo(1);
        List<String> actors = get("/actuator/metrics/rt.mailbox.depth").json()
                .read("$.availableTags[?(@.tag == 'actor')].values[*]");
        assertThat(actors).contains("/user/pipeline/ingest", "/user/pipeline/catalog", "/user/tokenizers",
                "/user/index", "/user/enrichment/enrichers/enricher");

        Reply prometheus = get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("rt_messages_delivered").contains("rt_mailbox_depth")
                .contains("rt_supervisor_restarts").contains("rt_osl_fs_operations");
        assertThat(delete("/documents/metrics.txt", "alice").status()).isEqualTo(204);
    }

    @Test
    void theActorsEndpointShowsTheTree() {
        DocumentContext actors = get("/actuator/actors").json();
        assertThat(actors.read("$.name", String.class)).isEqualTo("documents");
        assertThat(actors.read("$.state", String.class)).isEqualTo("RUNNING");
        List<String> topLevel = actors.read("$.tree.children[*].path");
        assertThat(topLevel).containsExactlyInAnyOrder("/user/enrichment", "/user/index", "/user/osl",
                "/user/pipeline", "/user/tokenizers");
        List<Map<String, Object>> supervisors = actors.read("$.supervisors[*]");
        assertThat(supervisors).extracting(s -> s.get("path") + " " + s.get("strategy")).contains(
                "/user/pipeline REST_FOR_ONE", "/user/enrichment ONE_FOR_ONE",
                "/user/enrichment/enrichers ONE_FOR_ONE");

        DocumentContext pipeline = get("/actuator/actors/user/pipeline").json();
        assertThat(pipeline.read("$.kind", String.class)).isEqualTo("supervisor");
        assertThat(pipeline.<List<String>>read("$.children[*].name")).containsExactlyInAnyOrder("catalog", "ingest");
        assertThat(get("/actuator/actors/user/index").json().<List<String>>read("$.children[*].name"))
                .containsExactlyInAnyOrder("routee-1", "routee-2", "routee-3", "routee-4");
        assertThat(get("/actuator/actors/user/tokenizers").json().<List<String>>read("$.children[*].name"))
                .containsExactlyInAnyOrder("routee-1", "routee-2");
        DocumentContext enricher = get("/actuator/actors/user/enrichment/enrichers/enricher").json();
        assertThat(enricher.read("$.kind", String.class)).isEqualTo("actor");
        assertThat(enricher.read("$.state", String.class)).isEqualTo("RUNNING");
        assertThat(get("/actuator/actors/user/nobody").status()).isEqualTo(404);
    }
}
