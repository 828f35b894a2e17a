package dev.rt.test;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** In a shared system, an actor still finishing its stop is not a leak. */
@ActorTest(lifecycle = ActorTest.Lifecycle.PER_CLASS)
class SharedSystemLeakCheckTest {

    @Test
    void anActorStillStoppingWhenTheTestEndsIsWaitedFor(ActorTestKit kit) {
        CountDownLatch finishStopping = new CountDownLatch(1);
        ActorRef<String> slowToStop = kit.spawn("slow-to-stop", () -> new Actor<String>() {
            @Override
            public void onMessage(String message, ActorContext<String> ctx) {
            }

            @Override
            public void postStop(ActorContext<String> ctx) {
                try {
                    finishStopping.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Thread testThread = Thread.currentThread();
        // lets postStop finish only once the end-of-test check is waiting (parked between its retries)
        Thread releaser = new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1))
                    .until(() -> testThread.getState() == Thread.State.TIMED_WAITING);
            finishStopping.countDown();
        }, "releaser");
        releaser.setDaemon(true);
        releaser.start();

        kit.system().stop(slowToStop); // not kit.stop: the test does not wait for the stop to complete
    }
}
