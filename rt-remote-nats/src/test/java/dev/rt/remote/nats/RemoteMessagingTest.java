package dev.rt.remote.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.Signal;
import dev.rt.Terminated;
import dev.rt.monitor.DeadLetter;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.remote.nats.TestMessages.Ping;
import dev.rt.remote.nats.TestMessages.Pong;
import dev.rt.remote.nats.TestMessages.Relay;
import dev.rt.remote.nats.TestMessages.Secret;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three nodes in one JVM, each with its own actor system and NATS connection, on a real nats-server. */
class RemoteMessagingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static NatsTestServer server;

    private TestNodes cluster;
    private NatsRemoting a;
    private NatsRemoting b;
    private NatsRemoting c;

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
        c = cluster.start("node-c");
        await().atMost(WAIT).until(() -> List.of(a, b, c).stream().allMatch(n -> n.members().size() == 3));
    }

    @AfterEach
    void stopNodes() {
        cluster.close();
    }

    /** Answers a Ping with a Pong naming its node; relays a Relay to the next actor with the reply ref. */
    private static ActorRef<Object> echo(NatsRemoting node) {
        return node.system().spawn("echo", () -> (message, ctx) -> {
            if (message instanceof Ping ping) {
                ping.replyTo().tell(new Pong(ping.text(), node.nodeId()));
            } else if (message instanceof Relay relay) {
                relay.next().tell(new Ping(relay.text() + " via " + node.nodeId(), relay.replyTo()));
            }
        });
    }

    @Test
    void membersListsEveryLiveNode() {
        assertThat(a.members()).extracting(Member::nodeId).containsExactly("node-a", "node-b", "node-c");
    }

    @Test
    void aRemoteTellReachesTheActorWithItsSender() {
        CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();
        b.system().spawn("sink", () -> (message, ctx) -> seen.add(message + " from " + ctx.sender().address()));
        ActorRef<Object> replyTarget = a.system().spawn("me", () -> (message, ctx) -> { });

        ActorRef<String> sink = a.ref("node-b", "/user/sink");
        sink.tell("hello");
        sink.tell("again", replyTarget);

        await().atMost(WAIT).until(() -> seen.size() == 2);
        assertThat(seen.get(0)).startsWith("hello from ").contains("no-sender");
        assertThat(seen.get(1)).isEqualTo("again from rt://node-a/user/me#"
                + replyTarget.address().uid());
    }

    @Test
    void aRemoteAskCompletesWithTheReply() throws Exception {
        echo(b);
        ActorRef<Ping> echo = a.ref("node-b", "/user/echo");

        Pong pong = echo.<Pong>ask(reply -> new Ping("hi", reply), WAIT).get(20, TimeUnit.SECONDS);

        assertThat(pong).isEqualTo(new Pong("hi", "node-b"));
        assertThat(a.stats().sent()).isGreaterThanOrEqualTo(1);
        assertThat(b.stats().received()).isGreaterThanOrEqualTo(1);
        assertThat(a.stats().bytesSent()).isPositive();
    }

    @Test
    void aReplyRefInsideAMessageCrossesTwoNodes() throws Exception {
        echo(b);
        echo(c);
        ActorRef<Relay> relayOnB = a.ref("node-b", "/user/echo");
        ActorRef<Ping> echoOnC = b.ref("node-c", "/user/echo"); // a ref made on b, travelling through a

        Pong pong = relayOnB.<Pong>ask(reply -> new Relay("hop", echoOnC, reply), WAIT).get(20, TimeUnit.SECONDS);

        // a -> b (relay) -> c (ping, replyTo still the ask on a) -> a
        assertThat(pong).isEqualTo(new Pong("hop via node-b", "node-c"));
    }

    @Test
    void aServiceOnThreeNodesGetsEachMessageOnExactlyOneOfThem() {
        Map<String, AtomicInteger> byNode = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, Boolean> texts = new ConcurrentHashMap<>();
        for (NatsRemoting node : List.of(a, b, c)) {
            node.spawnService("pool", () -> (String message, dev.rt.ActorContext<String> ctx) -> {
                byNode.computeIfAbsent(node.nodeId(), k -> new AtomicInteger()).incrementAndGet();
                assertThat(texts.put(message, true)).as("handled twice: " + message).isNull();
            });
        }
        ActorRef<String> pool = a.service("pool");
        int total = 600;
        for (int i = 0; i < total; i++) {
            pool.tell("m" + i);
        }

        await().atMost(WAIT).until(() -> texts.size() == total);
        assertThat(byNode.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(total);
        assertThat(byNode).containsOnlyKeys("node-a", "node-b", "node-c");
        byNode.values().forEach(count -> assertThat(count.get()).isPositive());
    }

    @Test
    void anAskToAServiceIsAnsweredByOneNode() throws Exception {
        for (NatsRemoting node : List.of(b, c)) {
            node.spawnService("echo-svc", () -> (Ping ping, dev.rt.ActorContext<Ping> ctx) ->
                    ping.replyTo().tell(new Pong(ping.text(), node.nodeId())));
        }
        await().atMost(WAIT).until(() -> a.isOffered("echo-svc")); // heard from b or c
        ActorRef<Ping> service = a.service("echo-svc");
        Pong pong = service.<Pong>ask(reply -> new Ping("svc", reply), WAIT).get(20, TimeUnit.SECONDS);
        assertThat(pong.text()).isEqualTo("svc");
        assertThat(pong.node()).isIn("node-b", "node-c");
    }

    @Test
    void anUnregisteredTypeIsNeverSentAndIsACountedDeadLetter() {
        b.system().spawn("sink", () -> (message, ctx) -> { });
        CopyOnWriteArrayList<DeadLetter> letters = new CopyOnWriteArrayList<>();
        a.system().deadLetters().subscribe(letters::add);
        ActorRef<Object> sink = a.ref("node-b", "/user/sink");

        sink.tell(new Secret("x"));
        CompletableFuture<Object> asked = sink.ask(reply -> new Secret("y"), WAIT);

        assertThatThrownBy(() -> asked.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(UnregisteredMessageTypeException.class);
        assertThat(a.stats().codecErrors()).isEqualTo(2);
        assertThat(a.system().deadLetters().count(DeadLetterReason.CODEC_ERROR)).isEqualTo(2);
        assertThat(letters).extracting(DeadLetter::message).containsExactly(new Secret("x"), new Secret("y"));
        // A registered message behind them, on the same path: once it has arrived, anything the two
        // refused sends had put on the wire would have arrived too.
        sink.tell(new Pong("barrier", "node-a"));
        await().atMost(WAIT).until(() -> b.stats().received() >= 1);
        assertThat(b.stats().received()).isEqualTo(1);
    }

    @Test
    void badPayloadsAndUnknownTypesAreRejectedCountedAndTheNodeKeepsWorking() throws Exception {
        echo(b);
        String subject = "rt." + cluster.cluster() + ".n.node-b";
        byte[] unknownType = new Frame("/user/echo", 0, "no.such.Type", "", dev.rt.DeliveryGuarantee.AT_MOST_ONCE,
                0, "", "{}".getBytes(StandardCharsets.UTF_8)).encode();
        byte[] badJson = new Frame("/user/echo", 0, "Ping", "", dev.rt.DeliveryGuarantee.AT_MOST_ONCE,
                0, "", "{not json".getBytes(StandardCharsets.UTF_8)).encode();
        byte[] badRef = new Frame("/user/echo", 0, "Ping", "", dev.rt.DeliveryGuarantee.AT_MOST_ONCE,
                0, "", "{\"text\":\"x\",\"replyTo\":\"garbage\"}".getBytes(StandardCharsets.UTF_8)).encode();
        try (Connection raw = Nats.connect(server.url())) {
            raw.publish(subject, "garbage".getBytes(StandardCharsets.UTF_8));
            raw.publish(subject, unknownType);
            raw.publish(subject, badJson);
            raw.publish(subject, badRef);
            raw.flush(Duration.ofSeconds(5));
        }

        await().atMost(WAIT).until(() -> b.stats().codecErrors() == 4);
        assertThat(b.system().deadLetters().count(DeadLetterReason.CODEC_ERROR)).isEqualTo(4);
        Pong pong = a.<Ping>ref("node-b", "/user/echo").<Pong>ask(reply -> new Ping("still", reply), WAIT)
                .get(20, TimeUnit.SECONDS);
        assertThat(pong.text()).isEqualTo("still");
    }

    @Test
    void aMessageForAMissingActorIsADeadLetterOnTheReceivingNode() {
        a.ref("node-b", "/user/nobody").tell("lost?");
        await().atMost(WAIT).until(() -> b.system().deadLetters().count(DeadLetterReason.NO_SUCH_ACTOR) == 1);
    }

    @Test
    void aMessageForANodeThatIsNotAMemberIsUnreachable() {
        ActorRef<String> ghost = a.ref("node-zz", "/user/x");
        ghost.tell("hello");
        assertThat(a.system().deadLetters().count(DeadLetterReason.UNREACHABLE)).isEqualTo(1);
        assertThatThrownBy(() -> ghost.ask(r -> "q", WAIT).get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RemoteUnreachableException.class);
    }

    @Test
    void anAtMostOnceMessageToAServiceNobodyOffersIsUnreachable() {
        ActorRef<String> nobody = a.service("nobody");

        nobody.tell("anyone?");

        assertThat(a.isOffered("nobody")).isFalse();
        assertThat(a.system().deadLetters().count(DeadLetterReason.UNREACHABLE)).isEqualTo(1);
        assertThat(a.stats().undeliverable()).isEqualTo(1);
    }

    @Test
    void aServiceIsKnownClusterWideOnceOfferedAndForgottenOnceWithdrawn() {
        c.spawnService("lonely", () -> (m, ctx) -> { });
        await().atMost(WAIT).until(() -> a.isOffered("lonely") && b.isOffered("lonely"));

        c.unregisterService("lonely");

        await().atMost(WAIT).until(() -> !a.isOffered("lonely"));
    }

    @Test
    void aWatcherHearsWhenARemoteActorStops() {
        b.system().spawn("mortal", () -> (message, ctx) -> ctx.stop(ctx.self()));
        CopyOnWriteArrayList<Terminated> heard = new CopyOnWriteArrayList<>();
        ActorRef<Terminated> watcher = a.system().spawn("watcher", () -> (t, ctx) -> heard.add(t));
        ActorRef<String> remote = a.ref("node-b", "/user/mortal");

        a.watch(remote, watcher);
        remote.tell("stop now");

        await().atMost(WAIT).until(() -> heard.size() == 1);
        assertThat(heard.get(0).ref()).isEqualTo(remote);
    }

    /** Watches {@code target} with {@code ActorContext.watch}, as it would a local actor. */
    static final class ContextWatcher implements Actor<Object> {
        private final ActorRef<?> target;
        private final List<Terminated> heard;
        private final CountDownLatch watching;

        ContextWatcher(ActorRef<?> target, List<Terminated> heard, CountDownLatch watching) {
            this.target = target;
            this.heard = heard;
            this.watching = watching;
        }

        @Override
        public void preStart(ActorContext<Object> ctx) {
            ctx.watch(target);
            watching.countDown();
        }

        @Override
        public void onMessage(Object message, ActorContext<Object> ctx) {
        }

        @Override
        public void onSignal(Signal signal, ActorContext<Object> ctx) {
            if (signal instanceof Terminated terminated) {
                heard.add(terminated);
            }
        }
    }

    @Test
    void anActorWatchesARemoteActorWithItsContextLikeALocalOne() throws Exception {
        b.system().spawn("watched", () -> (message, ctx) -> ctx.stop(ctx.self()));
        b.system().spawn("resident2", () -> (message, ctx) -> { });
        ActorRef<String> stopping = a.ref("node-b", "/user/watched");
        ActorRef<String> staying = a.ref("node-b", "/user/resident2");
        CopyOnWriteArrayList<Terminated> heard = new CopyOnWriteArrayList<>();
        CountDownLatch watching = new CountDownLatch(2);
        a.system().spawn("ctx-watcher-1", () -> new ContextWatcher(stopping, heard, watching));
        a.system().spawn("ctx-watcher-2", () -> new ContextWatcher(staying, heard, watching));
        assertThat(watching.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        stopping.tell("stop now");

        await().atMost(WAIT).until(() -> heard.size() == 1);
        assertThat(heard.get(0).ref()).isEqualTo(stopping);

        b.close(); // node loss: the actor still running there is gone for its watchers too
        await().atMost(WAIT).until(() -> heard.size() == 2);
        assertThat(heard.get(1).ref()).isEqualTo(staying);
    }

    @Test
    void watchersHearWhenANodeLeaves() {
        b.system().spawn("resident", () -> (message, ctx) -> { });
        CopyOnWriteArrayList<Terminated> heard = new CopyOnWriteArrayList<>();
        ActorRef<Terminated> watcher = a.system().spawn("watcher", () -> (t, ctx) -> heard.add(t));
        a.watch(a.ref("node-b", "/user/resident"), watcher);

        b.close();

        await().atMost(WAIT).until(() -> heard.size() == 1);
        assertThat(a.members()).extracting(Member::nodeId).containsExactly("node-a", "node-c");
    }

    @Test
    void badArgumentsGetClearErrors() {
        assertThatThrownBy(() -> a.ref("bad node", "/user/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.ref("node-b", "user/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.service("a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.watch(a.service("svc"), a.system().spawn("w", () -> (m, ctx) -> { })))
                .isInstanceOf(IllegalArgumentException.class);
        a.spawnService("once", () -> (m, ctx) -> { });
        assertThatThrownBy(() -> a.spawnService("once", () -> (m, ctx) -> { }))
                .isInstanceOf(IllegalStateException.class);
    }
}
