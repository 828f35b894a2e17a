package dev.rt.spring.autoconfigure;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.spring.RtActor;
import dev.rt.spring.diagnostics.ActorRefInjectionFailureAnalyzer;
import dev.rt.spring.diagnostics.RtPropertyBindFailureAnalyzer;
import dev.rt.spring.diagnostics.RtStartupFailureAnalyzer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Actor beans and helpers shared by the auto-configuration tests. */
final class TestActors {

    /** Upper bound of every wait; generous for a loaded 2-core machine. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private TestActors() {
    }

    static ConditionFactory eventually() {
        return Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    /**
     * @param failure a startup failure
     * @return what rt's failure analyzers make of it, or {@code null} if none applies
     */
    static FailureAnalysis analyze(Throwable failure) {
        List<FailureAnalyzer> analyzers = List.of(new RtStartupFailureAnalyzer(null),
                new RtPropertyBindFailureAnalyzer(), new ActorRefInjectionFailureAnalyzer(null));
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }

    /** Counts actor instances per actor name: every construction goes through the bean factory. */
    static final class Instances {
        private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();

        void created(String name) {
            created.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        }

        int count(String name) {
            AtomicInteger count = created.get(name);
            return count == null ? 0 : count.get();
        }
    }

    /** The singleton the actor beans depend on. */
    @Configuration(proxyBeanMethods = false)
    static class InstancesConfiguration {
        @Bean
        Instances instances() {
            return new Instances();
        }
    }

    /** Messages of {@link Counter}. */
    sealed interface CounterMsg {
        record Add(long amount) implements CounterMsg {
        }

        record Get(ActorRef<Long> replyTo) implements CounterMsg {
        }

        record Fail(String why) implements CounterMsg {
        }
    }

    /** A counter under supervisor "app"; its state starts at zero on every instance. */
    @RtActor(name = "counter", supervisor = "app")
    static class Counter implements Actor<CounterMsg> {
        private long total;

        Counter(Instances instances) {
            instances.created("counter");
        }

        @Override
        public void onMessage(CounterMsg message, ActorContext<CounterMsg> ctx) {
            if (message instanceof CounterMsg.Add add) {
                total += add.amount();
            } else if (message instanceof CounterMsg.Get get) {
                get.replyTo().tell(total);
            } else if (message instanceof CounterMsg.Fail fail) {
                throw new IllegalStateException(fail.why());
            }
        }
    }

    /** A question answered with the actor's name and instance number. */
    record Ping(ActorRef<String> replyTo) {
    }

    /** Answers pings with its name and instance number. */
    abstract static class Pinged implements Actor<Ping> {
        private final String reply;

        Pinged(Instances instances, String name) {
            instances.created(name);
            this.reply = name + "#" + instances.count(name);
        }

        @Override
        public void onMessage(Ping ping, ActorContext<Ping> ctx) {
            ping.replyTo().tell(reply);
        }
    }

    /** A top-level actor (no supervisor). */
    @RtActor(name = "left")
    static class Left extends Pinged {
        Left(Instances instances) {
            super(instances, "left");
        }
    }

    /** Another top-level actor with the same message type. */
    @RtActor(name = "right")
    static class Right extends Pinged {
        Right(Instances instances) {
            super(instances, "right");
        }
    }

    /** Messages of {@link Worker}. */
    sealed interface WorkerMsg {
        record Who(ActorRef<String> replyTo) implements WorkerMsg {
        }

        record Crash() implements WorkerMsg {
        }
    }

    /** An actor under the nested supervisor "inner". */
    @RtActor(name = "worker", supervisor = "inner")
    static class Worker implements Actor<WorkerMsg> {
        private final String id;

        Worker(Instances instances) {
            instances.created("worker");
            id = "worker#" + instances.count("worker");
        }

        @Override
        public void onMessage(WorkerMsg message, ActorContext<WorkerMsg> ctx) {
            if (message instanceof WorkerMsg.Who who) {
                who.replyTo().tell(id);
            } else {
                throw new IllegalStateException("crash");
            }
        }
    }

    /** Records what it handles; its first message waits for a gate. */
    @RtActor(name = "journal")
    static class JournalActor implements Actor<Integer> {
        private final Journal journal;

        JournalActor(Journal journal) {
            this.journal = journal;
        }

        @Override
        public void onMessage(Integer entry, ActorContext<Integer> ctx) throws InterruptedException {
            if (entry == 0 && !journal.gate.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
            journal.handled.incrementAndGet();
        }
    }

    /** What {@link JournalActor} handled. */
    static final class Journal {
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger handled = new AtomicInteger();
    }

    /** Fails every message; its supervisor restarts it until its intensity is exceeded. */
    @RtActor(name = "fragile", supervisor = "app")
    static class Fragile implements Actor<String> {
        Fragile(Instances instances) {
            instances.created("fragile");
        }

        @Override
        public void onMessage(String message, ActorContext<String> ctx) {
            throw new IllegalStateException("fragile failed on " + message);
        }
    }
}
