package dev.rt.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rt.Actor;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.PoolRouter;
import dev.rt.Router;
import dev.rt.Routers;
import dev.rt.RoutingStrategy;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ActorTest
class RoutingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private ActorTestKit kit;

    private ActorSystem system;

    @BeforeEach

    void setUp(ActorTestKit kit) {

        this.kit = kit;

        system = kit.system();

    }

    /** A message that names the key it is routed by and reports which routee handled it. */
    record Job(int key, CountDownLatch done) {
    }

    /** Counts what each routee (by path) handled, and which keys it saw. */
    static final class Ledger {
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        final Map<Integer, String> keyOwner = new ConcurrentHashMap<>();
        final AtomicInteger handled = new AtomicInteger();

        Actor<Job> worker() {
            return (job, ctx) -> {
                String path = ctx.self().address().path();
                counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                keyOwner.put(job.key(), path);
                handled.incrementAndGet();
                if (job.done() != null) {
                    job.done().countDown();
                }
            };
        }
    }

    @Test
    void roundRobinIsExactlyEvenForOneSender() {
        Ledger ledger = new Ledger();
        PoolRouter<Job> pool = Routers.pool("rr", ledger::worker).size(4).start(system);
        for (int i = 0; i < 4_000; i++) {
            pool.tell(new Job(i, null));
        }
        await().atMost(WAIT).until(() -> ledger.handled.get() == 4_000);
        assertThat(ledger.counts).hasSize(4);
        assertThat(ledger.counts.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1_000));
    }

    @Test
    void randomSpreadsRoughlyEvenly() {
        Ledger ledger = new Ledger();
        PoolRouter<Job> pool = Routers.pool("random", ledger::worker).size(4)
                .strategy(RoutingStrategy.random()).start(system);
        for (int i = 0; i < 40_000; i++) {
            pool.tell(new Job(i, null));
        }
        await().atMost(WAIT).until(() -> ledger.handled.get() == 40_000);
        assertThat(ledger.counts.values()).allSatisfy(count -> assertThat(count.get()).isBetween(8_000, 12_000));
    }

    @Test
    void smallestMailboxAvoidsASlowRoutee() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fastHandled = new AtomicInteger();
        CountDownLatch slowBusy = new CountDownLatch(1);
        ActorRef<Integer> slow = system.spawn("slow", () -> (msg, ctx) -> {
            slowBusy.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        List<ActorRef<Integer>> routees = new ArrayList<>(List.of(slow));
        for (int i = 0; i < 3; i++) {
            routees.add(system.spawn("fast-" + i, () -> (msg, ctx) -> fastHandled.incrementAndGet()));
        }
        Router<Integer> router = Routers.group(system, "smallest", routees, RoutingStrategy.smallestMailbox());
        slow.tell(-1);
        assertThat(slowBusy.await(10, TimeUnit.SECONDS)).isTrue();
        int sent = 0;
        for (int batch = 0; batch < 100; batch++) {
            for (int i = 0; i < 30; i++) {
                router.tell(sent++);
            }
            int total = sent;
            await().atMost(WAIT).until(() -> fastHandled.get() + system.stats(slow).mailboxDepth() == total);
        }
        // An even share would be 750; the stuck routee gets only what arrives while all others are busier.
        assertThat(system.stats(slow).mailboxDepth()).isLessThan(150);
        release.countDown();
    }

    @Test
    void consistentHashingIsStableAndMovesAboutOneNthOfTheKeysOnResize() {
        Ledger ledger = new Ledger();
        PoolRouter<Job> pool = Routers.pool("hash", ledger::worker).size(4)
                .strategy(RoutingStrategy.consistentHashing(Job::key)).start(system);
        int keys = 10_000;
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < keys; k++) {
                pool.tell(new Job(k, null));
            }
        }
        await().atMost(WAIT).until(() -> ledger.handled.get() == 2 * keys);
        Map<Integer, String> before = new HashMap<>(ledger.keyOwner);
        assertThat(before).hasSize(keys);
        // Stable: the second round went to the same routees (each routee's count is even, 2 per key).
        assertThat(ledger.counts.values()).allSatisfy(count -> assertThat(count.get() % 2).isZero());

        pool.resize(5).join();
        ledger.keyOwner.clear();
        ledger.handled.set(0);
        for (int k = 0; k < keys; k++) {
            pool.tell(new Job(k, null));
        }
        await().atMost(WAIT).until(() -> ledger.handled.get() == keys);
        String added = pool.routees().get(4).address().path();
        int moved = 0;
        for (int k = 0; k < keys; k++) {
            String owner = ledger.keyOwner.get(k);
            if (!owner.equals(before.get(k))) {
                moved++;
                assertThat(owner).as("a moved key goes to the new routee").isEqualTo(added);
            }
        }
        assertThat(moved).as("keys moved on 4 -> 5").isBetween(keys / 10, keys * 3 / 10);
    }

    @Test
    void consistentHashingMovesOnlyTheKeysOfAStoppedRoutee() {
        Ledger ledger = new Ledger();
        List<ActorRef<Job>> routees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            routees.add(system.spawn("shard-" + i, ledger::worker));
        }
        Router<Job> router = Routers.group(system, "shards", routees, RoutingStrategy.consistentHashing(Job::key));
        int keys = 4_000;
        for (int k = 0; k < keys; k++) {
            router.tell(new Job(k, null));
        }
        await().atMost(WAIT).until(() -> ledger.handled.get() == keys);
        Map<Integer, String> before = new HashMap<>(ledger.keyOwner);
        ActorRef<Job> victim = routees.get(2);
        system.stop(victim);
        await().atMost(WAIT).until(() -> system.lookup(victim.address().path()).isEmpty());
        ledger.handled.set(0);
        for (int k = 0; k < keys; k++) {
            router.tell(new Job(k, null));
        }
        await().atMost(WAIT).until(() -> ledger.handled.get() == keys);
        for (int k = 0; k < keys; k++) {
            if (!before.get(k).equals(victim.address().path())) {
                assertThat(ledger.keyOwner.get(k)).as("key %d kept its routee", k).isEqualTo(before.get(k));
            }
        }
        assertThat(system.deadLetters().count(DeadLetterReason.STOPPED)).isZero();
    }

    @Test
    void broadcastReachesEveryRoutee() {
        Ledger ledger = new Ledger();
        PoolRouter<Job> pool = Routers.pool("all", ledger::worker).size(3)
                .strategy(RoutingStrategy.broadcast()).start(system);
        pool.tell(new Job(1, null));
        pool.tell(new Job(2, null));
        await().atMost(WAIT).until(() -> ledger.handled.get() == 6);
        assertThat(ledger.counts).hasSize(3);
        assertThat(ledger.counts.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(2));
    }

    @Test
    void aGroupSkipsStoppedRoutees() {
        Ledger ledger = new Ledger();
        List<ActorRef<Job>> routees = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            routees.add(system.spawn("member-" + i, ledger::worker));
        }
        Router<Job> router = Routers.group(system, "members", routees, RoutingStrategy.roundRobin());
        system.stop(routees.get(1));
        await().atMost(WAIT).until(() -> system.lookup("/user/member-1").isEmpty());
        for (int i = 0; i < 300; i++) {
            router.tell(new Job(i, null));
        }
        await().atMost(WAIT).until(() -> ledger.handled.get() == 300);
        assertThat(ledger.counts).containsOnlyKeys("/user/member-0", "/user/member-2");
        assertThat(router.routees().size()).isEqualTo(2);
        assertThat(system.deadLetters().total()).isZero();
    }

    @Test
    void aRouterWithNoLiveRouteeDeadLettersWithAReason() {
        ActorRef<String> only = system.spawn("only", () -> (msg, ctx) -> { });
        Router<String> router = Routers.group(system, "lonely", List.of(only), RoutingStrategy.roundRobin());
        system.stop(only);
        await().atMost(WAIT).until(() -> system.lookup("/user/only").isEmpty());
        router.tell("hello");
        assertThat(system.deadLetters().count(DeadLetterReason.NO_SUCH_ACTOR)).isEqualTo(1);
        kit.deadLetters().expect(DeadLetterReason.NO_SUCH_ACTOR, "hello");
    }

    record Question(ActorRef<String> replyTo) {
    }

    @Test
    void scatterGatherAnswersWithTheFirstReplyAndCountsTheRest() {
        CountDownLatch slowRelease = new CountDownLatch(1);
        ActorRef<Question> fast = system.spawn("fast", () -> (q, ctx) -> q.replyTo().tell("fast"));
        ActorRef<Question> slow = system.spawn("slow", () -> (q, ctx) -> {
            slowRelease.await(30, TimeUnit.SECONDS);
            q.replyTo().tell("slow");
        });
        Router<Question> router = Routers.group(system, "scatter", List.of(slow, fast), RoutingStrategy.broadcast());
        String answer = router.<String>ask(Question::new, Duration.ofSeconds(10)).join();
        assertThat(answer).isEqualTo("fast");
        slowRelease.countDown();
        await().atMost(WAIT).until(() -> system.deadLetters().count(DeadLetterReason.ALREADY_ANSWERED) == 1);
        kit.deadLetters().expect(DeadLetterReason.ALREADY_ANSWERED, "slow");
    }

    @Test
    void aPoolShrinksWithoutLosingQueuedMessagesAndGrowsAgain() {
        AtomicInteger handled = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        PoolRouter<Integer> pool = Routers.pool("elastic", () -> (Actor<Integer>) (msg, ctx) -> {
            gate.await(30, TimeUnit.SECONDS);
            handled.incrementAndGet();
        }).size(4).start(system);
        for (int i = 0; i < 400; i++) {
            pool.tell(i);
        }
        var shrink = pool.resize(2);
        gate.countDown();
        shrink.join();
        await().atMost(WAIT).until(() -> handled.get() == 400);
        assertThat(pool.routees().size()).isEqualTo(2);
        assertThat(system.deadLetters().total()).isZero();
        pool.resize(3).join();
        assertThat(pool.routees().size()).isEqualTo(3);
        for (int i = 0; i < 300; i++) {
            pool.tell(i);
        }
        await().atMost(WAIT).until(() -> handled.get() == 700);
        assertThat(pool.supervisor().snapshot().children()).hasSize(3);
    }

    @Test
    void aFailingRouteeIsRestartedInPlaceAndKeepsGettingWork() {
        AtomicInteger handled = new AtomicInteger();
        PoolRouter<String> pool = Routers.pool("sturdy", () -> (Actor<String>) (msg, ctx) -> {
            if (msg.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            handled.incrementAndGet();
        }).size(2).start(system);
        List<ActorRef<String>> before = pool.routees().asList();
        pool.tell("boom");
        for (int i = 0; i < 100; i++) {
            pool.tell("ok");
        }
        await().atMost(WAIT).until(() -> handled.get() == 100);
        assertThat(pool.routees().asList()).isEqualTo(before);
        assertThat(pool.supervisor().snapshot().restartsInWindow()).isEqualTo(1);
        kit.deadLetters().expect(DeadLetterReason.FAILED, "boom");
    }
}
