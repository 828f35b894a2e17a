package dev.rt.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

    @LocalServerPort
    int port;

    @Autowired
    HealthEndpoint healthEndpoint;

    private RestClient client() {
        return RestClient.create("http://localhost:" + port);
    }

    private DocumentContext getJson(String uri) {
        return JsonPath.parse(client().get().uri(uri).retrieve().body(String.class));
    }

    private long total() {
        return getJson("/counter").read("$.total", Long.class);
    }

    @Test
    void countsThroughTheActor() {
        RestClient client = client();
        long before = total();
        client.post().uri("/counter/5").retrieve().toBodilessEntity();
        client.post().uri("/counter/7").retrieve().toBodilessEntity();
        assertThat(total()).isEqualTo(before + 12);
    }

    @Test
    void healthShowsTheSupervisorAndItsActor() {
        DocumentContext health = getJson("/actuator/health");
        assertThat(health.read("$.status", String.class)).isEqualTo("UP");
        assertThat(health.read("$.components.rt.status", String.class)).isEqualTo("UP");
        assertThat(health.read("$.components.rt.components.app.status", String.class)).isEqualTo("UP");
        assertThat(health.read("$.components.rt.components.app.details.strategy", String.class))
                .isEqualTo("ONE_FOR_ONE");
        assertThat(health.read("$.components.rt.components.app.details.children.counter.state", String.class))
                .isEqualTo("RUNNING");

        assertThat(getJson("/actuator/health/readiness").read("$.status", String.class)).isEqualTo("UP");
        // Over HTTP the probe groups show only their status; the endpoint shows their members.
        assertThat(((CompositeHealthDescriptor) healthEndpoint.healthForPath("readiness")).getComponents())
                .containsOnlyKeys("readinessState", "rt");
        assertThat(((CompositeHealthDescriptor) healthEndpoint.healthForPath("liveness")).getComponents())
                .containsOnlyKeys("livenessState");
    }

    @Test
    void metricsCountTheMessages() {
        client().post().uri("/counter/1").retrieve().toBodilessEntity();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            DocumentContext sent = getJson("/actuator/metrics/rt.messages.sent");
            assertThat(sent.read("$.baseUnit", String.class)).isEqualTo("messages");
            assertThat(sent.read("$.measurements[0].value", Double.class)).isGreaterThanOrEqualTo(1.0);
        });
        DocumentContext depth = getJson("/actuator/metrics/rt.mailbox.depth");
        List<String> actors = depth.read("$.availableTags[?(@.tag == 'actor')].values[*]");
        assertThat(actors).containsExactlyInAnyOrder("/user/app/counter", "/user/words", "other");
    }

    @Test
    void theRouterSpreadsRequestsOverItsRoutees() {
        assertThat(getJson("/words?text=one two three").read("$.words", Integer.class)).isEqualTo(3);
        assertThat(getJson("/words?text=four").read("$.words", Integer.class)).isEqualTo(1);
        DocumentContext health = getJson("/actuator/health");
        assertThat(health.read("$.components.rt.components.words.status", String.class)).isEqualTo("UP");
        assertThat(health.read("$.components.rt.components.words.details.children['routee-2'].state", String.class))
                .isEqualTo("RUNNING");
    }

    @Test
    void theActorsEndpointShowsTheTree() {
        client().post().uri("/counter/2").retrieve().toBodilessEntity();
        DocumentContext actors = getJson("/actuator/actors");
        assertThat(actors.read("$.name", String.class)).isEqualTo("sample");
        assertThat(actors.read("$.state", String.class)).isEqualTo("RUNNING");
        assertThat(actors.read("$.tree.children[0].path", String.class)).isEqualTo("/user/app");
        assertThat(actors.read("$.tree.children[0].kind", String.class)).isEqualTo("supervisor");
        assertThat(actors.read("$.tree.children[0].children[0].path", String.class)).isEqualTo("/user/app/counter");

        DocumentContext counter = getJson("/actuator/actors/user/app/counter");
        assertThat(counter.read("$.kind", String.class)).isEqualTo("actor");
        assertThat(counter.read("$.state", String.class)).isEqualTo("RUNNING");
        assertThat(counter.read("$.counters.sent", Long.class)).isPositive();

        HttpStatusCode missing = client().get().uri("/actuator/actors/user/nobody").exchange(
                (request, response) -> response.getStatusCode());
        assertThat(missing.value()).isEqualTo(404);
    }
}
