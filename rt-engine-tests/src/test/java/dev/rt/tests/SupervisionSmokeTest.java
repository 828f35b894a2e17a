package dev.rt.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.SupervisionStrategy;
import dev.rt.Supervisor;
import dev.rt.SupervisorSnapshot;
import dev.rt.SupervisorSpec;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@ActorTest(allowDeadLetters = DeadLetterReason.FAILED)
class SupervisionSmokeTest {

    static final List<String> log = new CopyOnWriteArrayList<>();

    static Actor<String> worker(String name, AtomicInteger instances) {
        instances.incrementAndGet();
        return new Actor<>() {
            public void preStart(ActorContext<String> ctx) { log.add("start " + name); }
            public void postStop(ActorContext<String> ctx) { log.add("stop " + name); }
            public void onMessage(String m, ActorContext<String> ctx) {
                if (m.equals("boom")) throw new IllegalStateException("boom in " + name);
                log.add(name + " got " + m);
            }
        };
    }

    @Test
    void oneForAllRestartsSiblingsAndGivesUpAfterIntensity(ActorTestKit kit) {
        log.clear();
        AtomicInteger a = new AtomicInteger(), b = new AtomicInteger(), c = new AtomicInteger();
        ActorSystem system = kit.system();
        Supervisor sup = system.supervise(SupervisorSpec.builder("app")
                .strategy(SupervisionStrategy.ONE_FOR_ALL)
                .intensity(2, Duration.ofMinutes(1))
                .child("a", () -> worker("a", a))
                .child("b", () -> worker("b", b))
                .child("c", () -> worker("c", c))
                .build());
        sup.whenStarted().join();
        assertThat(log).containsExactly("start a", "start b", "start c");
        log.clear();
        ActorRef<String> bRef = sup.<String>child("b").orElseThrow();
        bRef.tell("boom");
        bRef.tell("after");
        await().atMost(Duration.ofSeconds(10)).until(() -> log.contains("b got after"));
        assertThat(a.get()).isEqualTo(2);
        assertThat(b.get()).isEqualTo(2);
        assertThat(c.get()).isEqualTo(2);
        assertThat(sup.snapshot().restartsInWindow()).isEqualTo(1);
        await().until(() -> sup.snapshot().state() == SupervisorSnapshot.State.RUNNING);
        bRef.tell("boom");
        await().until(() -> sup.snapshot().restartsInWindow() == 2
                && sup.snapshot().state() == SupervisorSnapshot.State.RUNNING);
        log.clear();
        bRef.tell("boom");
        // the system is marked FAILED just before the supervisor's own cell stops: wait for both
        await().atMost(Duration.ofSeconds(10)).until(() -> system.state() == ActorSystem.State.FAILED
                && system.lookup("/user/app").isEmpty());
        assertThat(sup.snapshot().state()).isEqualTo(SupervisorSnapshot.State.FAILED);
        assertThat(log).containsSubsequence("stop c", "stop b", "stop a");
        assertThat(system.lookup("/user/app")).isEmpty();
    }
}
