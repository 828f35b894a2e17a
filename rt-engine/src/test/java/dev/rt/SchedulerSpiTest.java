package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A scheduler given to the builder runs the system's timeouts and timers instead of the timing wheel. */
class SchedulerSpiTest {

    /** Keeps what is scheduled for the test to run by hand. */
    static final class HandScheduler implements Scheduler {
        record Scheduled(Runnable task, long delayNanos, long periodNanos) {
        }

        final List<Scheduled> tasks = new ArrayList<>();
        final List<Runnable> abandoned = new ArrayList<>();
        boolean shutdown;

        @Override
        public synchronized Cancellable schedule(Runnable task, long delayNanos) {
            tasks.add(new Scheduled(task, delayNanos, 0));
            return () -> { };
        }

        @Override
        public synchronized Cancellable scheduleAtFixedRate(Runnable task, long periodNanos) {
            tasks.add(new Scheduled(task, periodNanos, periodNanos));
            return () -> { };
        }

        @Override
        public synchronized void shutdown(Consumer<Runnable> handler) {
            shutdown = true;
            for (Scheduled scheduled : tasks) {
                abandoned.add(scheduled.task());
                handler.accept(scheduled.task());
            }
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }

        synchronized List<Scheduled> snapshot() {
            return List.copyOf(tasks);
        }
    }

    @Test
    void anAskTimeoutIsScheduledOnTheGivenSchedulerAndFailsTheAskWhenItRuns() {
        HandScheduler scheduler = new HandScheduler();
        try (ActorSystem system = ActorSystem.builder("spi-ask").scheduler(scheduler).build()) {
            ActorRef<Object> silent = system.spawn("silent", () -> (message, ctx) -> { });

            CompletableFuture<String> reply = silent.ask(replyTo -> "question", Duration.ofSeconds(7));

            assertThat(scheduler.snapshot()).singleElement()
                    .satisfies(s -> assertThat(s.delayNanos()).isEqualTo(Duration.ofSeconds(7).toNanos()));
            assertThat(reply).isNotDone();
            scheduler.snapshot().get(0).task().run();
            assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(AskTimeoutException.class);
        }
    }

    @Test
    void actorTimersGoThroughTheGivenScheduler() throws Exception {
        HandScheduler scheduler = new HandScheduler();
        CompletableFuture<String> fired = new CompletableFuture<>();
        try (ActorSystem system = ActorSystem.builder("spi-timer").scheduler(scheduler).build()) {
            system.spawn("timed", () -> new Actor<String>() {
                @Override
                public void preStart(ActorContext<String> ctx) {
                    ctx.timers().startTimerAtFixedRate("t", "tick", Duration.ofMillis(250));
                }

                @Override
                public void onMessage(String message, ActorContext<String> ctx) {
                    fired.complete(message);
                }
            });
            TestSupport.eventually().until(() -> !scheduler.snapshot().isEmpty());
            HandScheduler.Scheduled timer = scheduler.snapshot().get(0);
            assertThat(timer.periodNanos()).isEqualTo(Duration.ofMillis(250).toNanos());

            timer.task().run();

            assertThat(fired.get(10, TimeUnit.SECONDS)).isEqualTo("tick");
        }
    }

    @Test
    void atTerminationPendingTasksAreHandedBackAndTheirAsksFail() throws Exception {
        HandScheduler scheduler = new HandScheduler();
        ActorSystem system = ActorSystem.builder("spi-shutdown").scheduler(scheduler).build();
        ActorRef<Object> silent = system.spawn("silent", () -> (message, ctx) -> { });
        CompletableFuture<String> reply = silent.ask(replyTo -> "question", Duration.ofMinutes(1));

        assertThat(system.terminate(Duration.ofSeconds(10))).isTrue();

        assertThat(scheduler.shutdown).isTrue();
        assertThat(scheduler.abandoned).hasSize(1);
        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(reply.isCompletedExceptionally()).isTrue();
    }

    @Test
    void theBuilderRefusesNoScheduler() {
        assertThatThrownBy(() -> ActorSystem.builder("spi-null").scheduler(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("scheduler");
    }
}
