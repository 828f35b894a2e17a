package dev.rt.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.Topic;
import dev.rt.monitor.DeadLetterReason;
import dev.rt.test.ActorTestKit;
import dev.rt.test.junit.ActorTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ActorTest
class TopicTest {

    private ActorTestKit kit;

    private ActorSystem system;

    @BeforeEach

    void setUp(ActorTestKit kit) {

        this.kit = kit;

        system = kit.system();

    }

    @Test
    void everySubscriberGetsEveryMessageUntilItUnsubscribes() {
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        ActorRef<String> first = system.spawn("a", () -> (msg, ctx) -> a.add(msg));
        ActorRef<String> second = system.spawn("b", () -> (msg, ctx) -> b.add(msg));
        Topic<String> news = system.topic("news");
        news.subscribe(first);
        news.subscribe(second);
        news.subscribe(second);
        assertThat(news.publish("one")).isEqualTo(2);
        news.unsubscribe(first);
        assertThat(news.publish("two")).isEqualTo(1);
        await().until(() -> a.size() == 1 && b.size() == 2);
        assertThat(a).containsExactly("one");
        assertThat(b).containsExactly("one", "two");
        assertThat(system.<String>topic("news")).isSameAs(news);
        assertThat(news.published()).isEqualTo(2);
        assertThat(news.deliveries()).isEqualTo(3);
    }

    @Test
    void stoppedSubscribersAreRemovedAutomatically() {
        List<String> got = new CopyOnWriteArrayList<>();
        ActorRef<String> stays = system.spawn("stays", () -> (msg, ctx) -> got.add(msg));
        ActorRef<String> goes = system.spawn("goes", () -> (msg, ctx) -> { });
        Topic<String> topic = system.topic("t");
        topic.subscribe(stays);
        topic.subscribe(goes);
        system.stop(goes);
        await().until(() -> system.lookup("/user/goes").isEmpty());
        assertThat(topic.publish("x")).isEqualTo(1);
        assertThat(topic.subscribers()).containsExactly(stays);
        await().until(() -> got.size() == 1);
        assertThat(system.deadLetters().count(DeadLetterReason.STOPPED)).isZero();
    }

    @Test
    void publishingWithNoSubscribersIsCounted() {
        Topic<String> topic = system.topic("empty");
        assertThat(topic.publish("lost?")).isZero();
        assertThat(topic.publishedWithoutSubscribers()).isEqualTo(1);
        assertThat(system.deadLetters().count(DeadLetterReason.NO_SUBSCRIBERS)).isEqualTo(1);
        kit.deadLetters().expect(DeadLetterReason.NO_SUBSCRIBERS, "lost?");
    }
}
