package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rt.monitor.MailboxStats;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Per-mailbox counters: enqueued, dequeued, dropped, depth and high-water mark. */
class MailboxStatsTest {

    @Test
    void countersFollowTheMailbox() throws Exception {
        try (ActorSystem system = ActorSystem.create("mailbox-stats-" + System.nanoTime())) {
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch busy = new CountDownLatch(1);
            ActorRef<Integer> actor = system.spawn("held", () -> (msg, ctx) -> {
                busy.countDown();
                gate.await(30, TimeUnit.SECONDS);
            }, SpawnOptions.defaults().withMailbox(MailboxConfig.bounded(5, MailboxConfig.Backpressure.DROP_NEWEST)));
            actor.tell(0);
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 8; i++) {
                actor.tell(i);
            }
            MailboxStats held = system.mailboxStats(actor);
            assertThat(held.enqueued()).isEqualTo(6);
            assertThat(held.dequeued()).isEqualTo(1);
            assertThat(held.depth()).isEqualTo(5);
            assertThat(held.dropped()).isEqualTo(3);
            gate.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> system.mailboxStats(actor).dequeued() == 6);
            MailboxStats drained = system.mailboxStats(actor);
            assertThat(drained.depth()).isZero();
            assertThat(drained.highWaterMark()).isEqualTo(5);
        }
    }
}
