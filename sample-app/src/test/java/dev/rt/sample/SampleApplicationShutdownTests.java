package dev.rt.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorSystem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The service starts, takes traffic, and stops cleanly while requests and actor work are in flight. */
class SampleApplicationShutdownTests {

    private static final int SENDERS = 4;
    /** A name of its own, so its threads are told apart from those of other tests' contexts. */
    private static final String SYSTEM = "shutdown-test";

    @TempDir
    Path data;

    @Test
    void stopsCleanlyWithWorkInFlight() throws Exception {
        // command-line arguments, as a user would pass them: they win over application.yml
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                .run("--server.port=0", "--sample.data-dir=" + data, "--spring.jmx.enabled=false",
                        "--rt.system-name=" + SYSTEM);
        ActorSystem system = context.getBean(ActorSystem.class);
        assertThat(system.state()).isEqualTo(ActorSystem.State.RUNNING);
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

        // senders store documents without pause until the service stops answering
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        Map<String, String> refusals = new ConcurrentHashMap<>();
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicInteger sequence = new AtomicInteger();
        // when each request was sent and answered (or refused), to find those in flight when close() began
        Map<String, long[]> timings = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Thread sender = new Thread(() -> {
                while (true) {
                    String id = "doc-" + sequence.incrementAndGet() + ".txt";
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                    + "/documents?name=" + id))
                            .header(DocumentController.PRINCIPAL, "alice").header("Content-Type", "text/plain")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(text(id))).build();
                    long[] timing = {System.nanoTime(), Long.MAX_VALUE};
                    timings.put(id, timing);
                    inFlight.incrementAndGet();
                    try {
                        HttpResponse<String> response;
                        try {
                            response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        } finally {
                            timing[1] = System.nanoTime();
                            inFlight.decrementAndGet();
                        }
                        int status = response.statusCode();
                        outcomes.put(id, status);
                        if (status != 201) {
                            refusals.put(id, (stopping.get() ? "stopping " : "running ") + status + " " + response.body());
                        }
                        if (status == 201) {
                            stored.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // the server no longer takes connections: the only way a sender stops
                        refused.incrementAndGet();
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (stopping.get() && outcomes.get(id) != 201) {
                        return;
                    }
                }
            }, "sender-" + s);
            sender.start();
            senders.add(sender);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stored.get() >= 50);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> inFlight.get() >= 1);

        assertThat(runtimeThreads()).isPositive();
        long started = System.nanoTime();
        stopping.set(true);
        context.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        for (Thread sender : senders) {
            sender.join(Duration.ofSeconds(60).toMillis());
            assertThat(sender.isAlive()).as("%s still sending", sender.getName()).isFalse();
        }
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        // requests sent before close() began and answered (or refused) after it: the work that was in flight,
        // so the checks below are about requests that met the shutdown, not only about those before it
        List<String> metShutdown = timings.entrySet().stream()
                .filter(e -> e.getValue()[0] < started && e.getValue()[1] > started).map(Map.Entry::getKey).toList();
        long sentBefore = timings.values().stream().filter(t -> t[0] < started).count();
        assertThat(metShutdown).as("in flight when close() began, of %d sent before", sentBefore).isNotEmpty();
        // graceful shutdown: requests the server was handling got an answer (checked below), not a dropped connection
        assertThat(metShutdown).as("answered after close() began").anyMatch(id -> outcomes.get(id) != null);
        assertThat(context.isActive()).isFalse();
        assertThat(system.state()).isEqualTo(ActorSystem.State.TERMINATED);
        // every answer was a success or a refusal while stopping, never an error of the application: a 503,
        // or an answer of the web server itself to a request that met it stopping (no problem body of ours)
        assertThat(refusals).allSatisfy((id, refusal) -> assertThat(refusal)
                .satisfiesAnyOf(r -> assertThat(r).startsWith("stopping 503"),
                        r -> assertThat(r).startsWith("stopping 4").doesNotContain("\"error\":")));
        // nothing acknowledged was lost: every stored document is on disk, complete
        outcomes.forEach((id, status) -> {
            if (status == 201) {
                assertThat(data.resolve(id)).content().isEqualTo(text(id));
            }
        });
        assertThat(stored.get()).isGreaterThanOrEqualTo(50);
        // the runtime's threads are gone
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> runtimeThreads() == 0);
    }

    private static long runtimeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rt-" + SYSTEM + "-")).count();
    }

    private static String text(String id) {
        return "Document " + id + ". Actors store it, tokenize it and index it while the service shuts down.";
    }
}
