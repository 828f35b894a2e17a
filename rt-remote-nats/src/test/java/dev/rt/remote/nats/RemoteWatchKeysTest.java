package dev.rt.remote.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.Terminated;
import dev.rt.remote.nats.TestMessages.Ping;
import dev.rt.remote.nats.TestMessages.Pong;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One remote actor known under two keys: by path ({@code #0}, from {@code ref()}) and by incarnation (the
 * uid of a ref that came in a message). Watchers under either key hear of its stop.
 */
class RemoteWatchKeysTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static NatsTestServer server;

    private TestNodes cluster;
    private NatsRemoting a;
    private NatsRemoting b;
    private ActorRef<Ping> target;
    private ActorRef<?> byPath;
    private ActorRef<?> byIncarnation;

    @BeforeAll
    static void startServer() {
        server = NatsTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void startNodes() {
        cluster = new TestNodes(server.url());
        a = cluster.start("node-a");
        b = cluster.start("node-b");
        await().atMost(WAIT).until(() -> a.members().size() == 2 && b.members().size() == 2);
        target = b.system().spawn("target", () -> (Ping ping, ActorContext<Ping> ctx) ->
                ping.replyTo().tell(new Pong(ping.text(), "node-b"), ctx.self()));

        byPath = a.ref("node-b", "/user/target");
        // The reply's sender is the target as a ref with its uid: the second key.
        byIncarnation = roundTrip("who");
        assertThat(byIncarnation.address().uid()).isNotZero();
        assertThat(byPath.address().uid()).isZero();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /**
     * A ping to the target and its reply. Node b takes messages from node a in order, so once the reply is
     * here b has resolved every watch request sent before: the target is stopped only after that.
     */
    private ActorRef<?> roundTrip(String name) {
        AtomicReference<ActorRef<?>> replier = new AtomicReference<>();
        ActorRef<Pong> collector = a.system().spawn(name,
                () -> (Pong pong, ActorContext<Pong> ctx) -> replier.set(ctx.sender()));
        a.<Ping>ref("node-b", "/user/target").tell(new Ping(name, collector));
        await().atMost(WAIT).until(() -> replier.get() != null);
        return replier.get();
    }

    private ActorRef<Terminated> watcher(String name, List<Terminated> heard) {
        return a.system().spawn(name, () -> (Terminated t, ActorContext<Terminated> ctx) -> heard.add(t));
    }

    @Test
    void watchersUnderBothKeysHearOfTheStop() {
        List<Terminated> first = new CopyOnWriteArrayList<>();
        List<Terminated> second = new CopyOnWriteArrayList<>();
        a.watch(byPath, watcher("first", first));
        a.watch(byIncarnation, watcher("second", second));
        roundTrip("watched");

        b.system().stop(target);

        await().atMost(WAIT).until(() -> first.size() == 1 && second.size() == 1);
        assertThat(first.get(0).ref()).isEqualTo(byPath);
        assertThat(second.get(0).ref()).isEqualTo(byIncarnation);
    }

    @Test
    void unwatchingOneKeyKeepsTheOtherWatched() {
        List<Terminated> first = new CopyOnWriteArrayList<>();
        List<Terminated> second = new CopyOnWriteArrayList<>();
        ActorRef<Terminated> firstWatcher = watcher("first", first);
        a.watch(byIncarnation, watcher("second", second));
        a.watch(byPath, firstWatcher);
        a.unwatch(byPath, firstWatcher);
        roundTrip("unwatched");

        b.system().stop(target);

        await().atMost(WAIT).until(() -> second.size() == 1);
        assertThat(second.get(0).ref()).isEqualTo(byIncarnation);
        assertThat(first).isEmpty();
    }
}
