package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    sealed interface CounterMsg {
        record Add(long n) implements CounterMsg {}
        record Get(ActorRef<Long> replyTo) implements CounterMsg {}
    }

    static final class Counter implements Actor<CounterMsg> {
        private long total;
        public void onMessage(CounterMsg msg, ActorContext<CounterMsg> ctx) {
            if (msg instanceof CounterMsg.Add add) total += add.n();
            else if (msg instanceof CounterMsg.Get get) get.replyTo().tell(total);
        }
    }

    @Test
    void counter() {
        try (ActorSystem system = ActorSystem.create("smoke")) {
            ActorRef<CounterMsg> counter = system.spawn("counter", Counter::new);
            for (int i = 0; i < 100_000; i++) counter.tell(new CounterMsg.Add(1));
            long total = counter.<Long>ask(CounterMsg.Get::new, Duration.ofSeconds(5)).join();
            assertThat(total).isEqualTo(100_000);
            assertThat(system.stats(counter).delivered()).isEqualTo(100_001);
        }
    }
}
