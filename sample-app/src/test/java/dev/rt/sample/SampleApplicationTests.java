package dev.rt.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

    @LocalServerPort
    int port;

    @Test
    void countsThroughTheActor() {
        RestClient client = RestClient.create("http://localhost:" + port);
        client.post().uri("/counter/5").retrieve().toBodilessEntity();
        client.post().uri("/counter/7").retrieve().toBodilessEntity();
        String body = client.get().uri("/counter").retrieve().body(String.class);
        assertThat(body).contains("\"total\":12");
    }
}
