package dev.rt.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.Actor;
import dev.rt.ActorRef;
import dev.rt.PoolRouter;
import dev.rt.Routers;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A pool's drain timeout runs on the system's clock, so a test's manual time decides when it runs out. */
@ActorTest(manualTime = true)
class PoolDrainManualTimeTest {

    @Test
    void aBusyRouteeIsStoppedWhenTheDrainTimeoutRunsOutOnManualTime(ActorTestKit kit) throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PoolRouter<String> pool = Routers.pool("slow", () -> (Actor<String>) (message, ctx) -> {
            busy.countDown();
            release.await(30, TimeUnit.SECONDS);
        }).size(2).drainTimeout(Duration.ofMinutes(1)).start(kit.system());
        ActorRef<String> second = pool.routees().asList().get(1);
        second.tell("hold");
        assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> shrink = pool.resize(1);
        kit.time().advance(Duration.ofSeconds(59));
        assertThat(shrink).isNotDone();
        kit.time().advance(Duration.ofSeconds(1).plusMillis(10)); // past the timeout: stop it although busy
        release.countDown();

        assertThat(shrink).succeedsWithin(kit.dilated(Duration.ofSeconds(10)));
        assertThat(pool.routees().size()).isEqualTo(1);
    }
}
