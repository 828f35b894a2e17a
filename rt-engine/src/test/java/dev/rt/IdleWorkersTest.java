package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An idle system burns no core: after the work is done every worker ends up parked, not spinning. */
class IdleWorkersTest {

    @Test
    void everyWorkerParksOnceThereIsNoWork() throws Exception {
        String name = "idle-" + System.nanoTime();
        try (ActorSystem system = ActorSystem.builder(name)
                .dispatcher(ActorSystem.DEFAULT_DISPATCHER, DispatcherConfig.workStealing(2)).build()) {
            CountDownLatch handled = new CountDownLatch(1_000);
            ActorRef<Integer> busy = system.spawn("busy", () -> (msg, ctx) -> handled.countDown());
            for (int i = 0; i < 1_000; i++) {
                busy.tell(i);
            }
            assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();
            String prefix = "rt-" + name + "-default-";
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<ThreadInfo> workers = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                        .filter(info -> info.getThreadName().startsWith(prefix))
                        .toList();
                return workers.size() == 2 && workers.stream().allMatch(info ->
                        info.getThreadState() == Thread.State.TIMED_WAITING
                                && info.getStackTrace().length > 0
                                && Arrays.stream(info.getStackTrace()).anyMatch(frame ->
                                        frame.getMethodName().equals("parkNanos")));
            });
        }
    }
}
