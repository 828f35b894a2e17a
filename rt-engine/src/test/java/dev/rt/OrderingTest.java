package dev.rt;

import static dev.rt.TestSupport.LONG;
import static dev.rt.TestSupport.eventually;
import static dev.rt.TestSupport.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-sender FIFO and no loss when several threads send to the same actors at once. */
class OrderingTest {

    private static final int PRODUCERS = 4;

    private ActorSystem system;
    private ExecutorService producers;

    @BeforeEach
    void setUp() {
        system = ActorSystem.create(TestSupport.uniqueName("ordering"));
        producers = Executors.newFixedThreadPool(PRODUCERS);
    }

    @AfterEach
    void tearDown() {
        producers.shutdownNow();
        system.terminate(Duration.ofSeconds(10));
    }

    record Tagged(int producer, int seq) {
    }

    record Report(ActorRef<Result> replyTo) {
    }

    /**
     * @param received messages handled
     * @param outOfOrder messages whose seq was not greater than the previous one of the same producer
     * @param lastSeq the last seq seen per producer
     */
    record Result(long received, long outOfOrder, int[] lastSeq) {
    }

    /** Checks that each producer's seq strictly increases. */
    static final class SequenceChecker implements Actor<Object> {
        private final int[] last = new int[PRODUCERS];
        private long received;
        private long outOfOrder;

        SequenceChecker() {
            Arrays.fill(last, -1);
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
            if (message instanceof Tagged tagged) {
                if (tagged.seq() <= last[tagged.producer()]) {
                    outOfOrder++;
                }
                last[tagged.producer()] = tagged.seq();
                received++;
            } else if (message instanceof Report report) {
                report.replyTo().tell(new Result(received, outOfOrder, last.clone()));
            }
        }
    }

    @Test
    void eachProducersMessagesArriveInOrderAndNoneIsLost() throws Exception {
        int perProducer = 50_000;
        ActorRef<Object> checker = system.spawn("checker", SequenceChecker::new);

        runProducers(producer -> {
            for (int seq = 0; seq < perProducer; seq++) {
                checker.tell(new Tagged(producer, seq));
            }
        });

        Result result = result(checker.<Result>ask(Report::new, LONG));
        assertThat(result.outOfOrder()).as("messages out of order").isZero();
        assertThat(result.received()).isEqualTo((long) PRODUCERS * perProducer);
        assertThat(result.lastSeq()).containsOnly(perProducer - 1);
        // delivered is counted when the handler returns, just after the reply was sent
        eventually().untilAsserted(() -> assertThat(system.stats(checker).delivered())
                .isEqualTo((long) PRODUCERS * perProducer + 1));
    }

    @Test
    void orderIsKeptWhenMessagesCarryASender() throws Exception {
        int perProducer = 20_000;
        ActorRef<Object> checker = system.spawn("checker", SequenceChecker::new);
        ActorRef<Object> someSender = system.spawn("sender", () -> (message, ctx) -> { });

        runProducers(producer -> {
            for (int seq = 0; seq < perProducer; seq++) {
                checker.tell(new Tagged(producer, seq), someSender);
            }
        });

        Result result = result(checker.<Result>ask(Report::new, LONG));
        assertThat(result.outOfOrder()).isZero();
        assertThat(result.received()).isEqualTo((long) PRODUCERS * perProducer);
        assertThat(result.lastSeq()).containsOnly(perProducer - 1);
    }

    @Test
    void orderIsKeptThroughABlockingBoundedMailbox() throws Exception {
        int perProducer = 10_000;
        ActorRef<Object> checker = system.spawn("checker", SequenceChecker::new, SpawnOptions.defaults()
                .withMailbox(MailboxConfig.boundedBlocking(64, Duration.ofSeconds(30))));

        runProducers(producer -> {
            for (int seq = 0; seq < perProducer; seq++) {
                checker.tell(new Tagged(producer, seq));
            }
        });

        Result result = result(checker.<Result>ask(Report::new, LONG));
        assertThat(result.outOfOrder()).isZero();
        assertThat(result.received()).isEqualTo((long) PRODUCERS * perProducer);
        assertThat(result.lastSeq()).containsOnly(perProducer - 1);
        assertThat(system.deadLetters().total()).isZero();
    }

    @Test
    void concurrentProducersToManyActorsLoseNothing() throws Exception {
        int actors = 8;
        int perProducerPerActor = 5_000;
        List<ActorRef<Object>> counters = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            counters.add(system.spawn("counter-" + i, SequenceChecker::new));
        }

        runProducers(producer -> {
            for (int seq = 0; seq < perProducerPerActor; seq++) {
                for (ActorRef<Object> counter : counters) {
                    counter.tell(new Tagged(producer, seq));
                }
            }
        });

        for (ActorRef<Object> counter : counters) {
            Result result = result(counter.<Result>ask(Report::new, LONG));
            assertThat(result.received()).as(counter.address().path())
                    .isEqualTo((long) PRODUCERS * perProducerPerActor);
            assertThat(result.outOfOrder()).isZero();
        }
        long expected = (long) actors * PRODUCERS * perProducerPerActor;
        eventually().untilAsserted(() -> assertThat(system.stats().delivered()).isEqualTo(expected + actors));
        assertThat(system.deadLetters().total()).isZero();
    }

    /** Runs one task per producer thread, all released at once, and waits for all of them. */
    private void runProducers(Consumer<Integer> body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            running.add(producers.submit(() -> {
                TestSupport.awaitLatch(start, "the start signal");
                body.accept(producer);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : running) {
            future.get(30, TimeUnit.SECONDS);
        }
    }
}
