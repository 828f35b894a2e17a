package dev.rt.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The catalog and the index stay consistent with the stored files when the catalog fails, when an index
 * shard fails, and when the whole service restarts on the same data directory.
 */
class SampleApplicationRestartTests {

    @TempDir
    Path data;

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
    }

    private ConfigurableApplicationContext start(String systemName) {
        return new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0", "--sample.data-dir=" + data,
                "--spring.jmx.enabled=false", "--rt.system-name=" + systemName);
    }

    private static RestClient client(ConfigurableApplicationContext context) {
        return RestClient.create("http://localhost:"
                + context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    private static void store(RestClient client, String name, String text) {
        assertThat(client.post().uri("/documents?name={name}", name).header(DocumentController.PRINCIPAL, "alice")
                .contentType(MediaType.TEXT_PLAIN).body(text).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(201);
    }

    private static List<String> hits(RestClient client, String term) {
        String body = client.get().uri("/search?term={term}", term).header(DocumentController.PRINCIPAL, "bob")
                .retrieve().body(String.class);
        return JsonPath.parse(body).read("$.hits[*].id");
    }

    private static String stats(RestClient client, String id, String path) {
        String body = client.get().uri("/documents/{id}/stats", id).header(DocumentController.PRINCIPAL, "bob")
                .retrieve().body(String.class);
        Object value = JsonPath.parse(body).read(path);
        return String.valueOf(value);
    }

    private static double restarts(RestClient client, String supervisor, String child) {
        String body = client.get().uri("/actuator/metrics/rt.supervisor.restarts?tag=supervisor:{s}&tag=child:{c}",
                supervisor, child).retrieve().body(String.class);
        return JsonPath.parse(body).read("$.measurements[0].value", Double.class);
    }

    @Test
    void catalogAndIndexFollowTheStoreThroughFailuresAndRestarts() throws IOException {
        ConfigurableApplicationContext first = start("restart-test-1");
        try {
            RestClient client = client(first);
            store(client, "actors.txt", "Actors restart when they fail.");
            store(client, "changed.txt", "Original words here.");
            eventually().until(() -> hits(client, "original").contains("changed.txt")
                    && hits(client, "actors").contains("actors.txt"));

            // the file changes behind the service's back; a catalog that restarts must index what is stored now
            Files.writeString(data.resolve("changed.txt"), "Replacement text.", StandardCharsets.UTF_8);
            double catalogRestarts = restarts(client, "pipeline", "catalog");
            assertThat(client.post().uri("/chaos/crash/catalog").retrieve().toBodilessEntity().getStatusCode().value())
                    .isEqualTo(202);
            eventually().until(() -> restarts(client, "pipeline", "catalog") == catalogRestarts + 1);
            eventually().until(() -> hits(client, "replacement").contains("changed.txt"));
            // the shards were cleared: no posting of the catalog that failed is left
            assertThat(hits(client, "original")).isEmpty();
            assertThat(hits(client, "actors")).containsExactly("actors.txt");
            eventually().until(() -> "true".equals(stats(client, "actors.txt", "$.indexed")));
            assertThat(stats(client, "actors.txt", "$.words")).isEqualTo("5");
            assertThat(stats(client, "actors.txt", "$.version")).isEqualTo("1");
            assertThat(stats(client, "actors.txt", "$.owner")).isEqualTo("null"); // found in the store, not stored
            // and the restarted pipeline takes new documents
            store(client, "after.txt", "Stored after the catalog restarted.");
            eventually().until(() -> hits(client, "restarted").contains("after.txt"));

            // the shard that holds "actors" fails and restarts empty; the catalog sends it its postings again
            double shardRestarts = restarts(client, "index", "routees");
            assertThat(client.post().uri("/chaos/crash/index?term=actors").retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(202);
            eventually().until(() -> restarts(client, "index", "routees") == shardRestarts + 1);
            eventually().until(() -> hits(client, "actors").contains("actors.txt"));
            assertThat(hits(client, "replacement")).containsExactly("changed.txt");
        } finally {
            first.close();
        }

        // the data directory outlives the service: a new one finds and indexes the documents
        ConfigurableApplicationContext second = start("restart-test-2");
        try {
            RestClient client = client(second);
            eventually().until(() -> hits(client, "actors").contains("actors.txt")
                    && hits(client, "replacement").contains("changed.txt")
                    && hits(client, "restarted").contains("after.txt"));
            assertThat(hits(client, "original")).isEmpty();
            assertThat(stats(client, "after.txt", "$.version")).isEqualTo("1");
        } finally {
            second.close();
        }
    }
}
