package dev.rt.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.test.TestProbe;
import dev.rt.test.spring.RtTest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

/** The controller against a probe standing in for the counter actor (under its "app" supervisor). */
@SpringBootTest
@RtTest(probes = "counter")
class CounterControllerTests {

    @Autowired
    CounterController controller;

    @Autowired
    @Qualifier("counter")
    TestProbe<Counter.Command> counter;

    @Test
    void postingAnAmountTellsTheCounter() {
        assertThat(controller.add(5)).isEqualTo(Map.of("added", 5L));

        counter.expectMessage(new Counter.Command.Add(5));
        counter.expectNoMessage();
    }

    @Test
    void theTotalIsWhatTheCounterAnswers() {
        CompletableFuture<Map<String, Object>> response = CompletableFuture.supplyAsync(controller::total);

        counter.expectMessageClass(Counter.Command.Get.class).replyTo().tell(42L);

        assertThat(response.join()).isEqualTo(Map.of("total", 42L));
    }
}
