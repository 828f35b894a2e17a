package dev.rt.bench;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.DeliveryGuarantee;
import dev.rt.Message;
import dev.rt.MessageInfo;
import dev.rt.Topic;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * rt features without a Pekko counterpart in the comparison, each next to its plain baseline in the same
 * fork: at-least-once messages (declared on the type, or chosen per send) against plain ones, a child of
 * a supervisor against a plain actor (supervision must cost a healthy actor nothing), and a topic with
 * {@value #SUBSCRIBERS} subscribers against telling them directly. Messages handled per second,
 * one producer, batches of {@value #BATCH}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(RtFeaturesBenchmark.BATCH)
@State(Scope.Benchmark)
public class RtFeaturesBenchmark {

    static final int BATCH = 10_000;
    static final int SUBSCRIBERS = 4;

    /** A plain message. */
    record Plain(Progress progress) {
    }

    /** The same message declared at-least-once. */
    @MessageInfo(guarantee = DeliveryGuarantee.AT_LEAST_ONCE)
    record Reliable(Progress progress) implements Message {
    }

    private ActorSystem system;
    private ActorRef<Object> counter;
    private ActorRef<Object> supervisedCounter;
    private final Progress progress = new Progress();
    private final Plain plain = new Plain(progress);
    private final Reliable reliable = new Reliable(progress);
    private long sent;
    private Topic<Progress> topic;
    private final Progress[] subscriberProgress = new Progress[SUBSCRIBERS];
    @SuppressWarnings("unchecked")
    private final ActorRef<Progress>[] subscribers = new ActorRef[SUBSCRIBERS];
    private long published;

    @Setup(Level.Trial)
    public void start() {
        system = ActorSystem.builder("features").build();
        counter = system.spawn("counter", () -> (message, ctx) -> {
            if (message instanceof Plain p) {
                p.progress().increment();
            } else {
                ((Reliable) message).progress().increment();
            }
        });
        dev.rt.Supervisor supervisor = system.supervise(dev.rt.SupervisorSpec.builder("app")
                .child("counter", () -> (dev.rt.Actor<Object>) (message, ctx) -> ((Plain) message).progress().increment())
                .build());
        supervisor.whenStarted().join();
        supervisedCounter = supervisor.<Object>child("counter").orElseThrow();
        topic = system.topic("fanout");
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Progress own = subscriberProgress[i] = new Progress();
            subscribers[i] = system.spawn("subscriber-" + i, () -> (ignored, ctx) -> own.increment());
            topic.subscribe(subscribers[i]);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        system.terminate(Duration.ofSeconds(10));
    }

    @Benchmark
    public void plainTell() {
        for (int i = 0; i < BATCH; i++) {
            counter.tell(plain);
        }
        awaitCounter();
    }

    @Benchmark
    public void supervisedTell() {
        for (int i = 0; i < BATCH; i++) {
            supervisedCounter.tell(plain);
        }
        awaitCounter();
    }

    @Benchmark
    public void atLeastOnceByType() {
        for (int i = 0; i < BATCH; i++) {
            counter.tell(reliable);
        }
        awaitCounter();
    }

    @Benchmark
    public void atLeastOncePerSend() {
        for (int i = 0; i < BATCH; i++) {
            counter.tell(plain, null, DeliveryGuarantee.AT_LEAST_ONCE);
        }
        awaitCounter();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH / SUBSCRIBERS * SUBSCRIBERS)
    public void topicPublish() {
        for (int i = 0; i < BATCH / SUBSCRIBERS; i++) {
            topic.publish(progress);
        }
        awaitSubscribers();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH / SUBSCRIBERS * SUBSCRIBERS)
    public void topicBaselineDirect() {
        for (int i = 0; i < BATCH / SUBSCRIBERS; i++) {
            for (ActorRef<Progress> subscriber : subscribers) {
                subscriber.tell(progress);
            }
        }
        awaitSubscribers();
    }

    private void awaitCounter() {
        long target = sent += BATCH;
        Waits.until(() -> progress.get() >= target, "the counter to handle the batch");
    }

    private void awaitSubscribers() {
        long target = published += BATCH / SUBSCRIBERS;
        Waits.until(() -> {
            for (Progress p : subscriberProgress) {
                if (p.get() < target) {
                    return false;
                }
            }
            return true;
        }, "the subscribers to handle the batch");
    }
}
