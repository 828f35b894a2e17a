package dev.rt.remote.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.ActorRef;
import dev.rt.DeliveryGuarantee;
import dev.rt.remote.nats.TestMessages.Job;
import dev.rt.remote.nats.TestMessages.Ping;
import dev.rt.remote.nats.TestMessages.Pong;
import dev.rt.remote.nats.TestMessages.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The allow-list, the wire frame and the JSON codec, without a server. */
class CodecTest {

    /** Refs as plain strings, remembering what it wrote. */
    private static final class Refs implements RefCodec {
        final Map<String, ActorRef<?>> written = new ConcurrentHashMap<>();

        @Override
        public String write(ActorRef<?> ref) {
            String wire = "n1" + ref.address().path() + "#" + ref.address().uid();
            written.put(wire, ref);
            return wire;
        }

        @Override
        public ActorRef<?> read(String wire) {
            ActorRef<?> ref = written.get(wire);
            if (ref == null) {
                throw new MessageCodecException("unknown ref " + wire);
            }
            return ref;
        }
    }

    @Test
    void theAllowListMapsNamesAndClassesBothWays() {
        MessageTypes types = TestMessages.types();

        assertThat(types.nameOf(Ping.class)).isEqualTo("Ping");
        assertThat(types.typeOf("Ping")).isEqualTo(Ping.class);
        assertThat(types.typeOf("string")).isEqualTo(String.class);
        assertThat(types.isRegistered(Secret.class)).isFalse();
        assertThatThrownBy(() -> types.nameOf(Secret.class)).isInstanceOf(UnregisteredMessageTypeException.class)
                .hasMessageContaining(Secret.class.getName());
        assertThatThrownBy(() -> types.typeOf("java.lang.Runtime")).isInstanceOf(UnregisteredMessageTypeException.class);
    }

    @Test
    void theAllowListRefusesClashesAbstractTypesAndBadNames() {
        MessageTypes types = new MessageTypes();
        assertThatThrownBy(() -> types.register("string", Pong.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered");
        assertThatThrownBy(() -> types.register(Runnable.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> types.register("bad name", Pong.class)).isInstanceOf(IllegalArgumentException.class);
        types.register(Pong.class).register(Pong.class); // the same registration twice is fine
        assertThat(types.typeOf("Pong")).isEqualTo(Pong.class);
    }

    @Test
    void aFrameRoundTripsAndAMalformedOneIsATypedError() {
        Frame frame = new Frame("/user/échø", 42, "Ping", "n1/user/a#1", DeliveryGuarantee.EXACTLY_ONCE, 1500, "id-7",
                "{}".getBytes(StandardCharsets.UTF_8));

        Frame back = Frame.decode(frame.encode());

        assertThat(back.target()).isEqualTo("/user/échø");
        assertThat(back.targetUid()).isEqualTo(42);
        assertThat(back.typeName()).isEqualTo("Ping");
        assertThat(back.sender()).isEqualTo("n1/user/a#1");
        assertThat(back.guarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(back.ttlMillis()).isEqualTo(1500);
        assertThat(back.deduplicationId()).isEqualTo("id-7");
        assertThat(back.payload()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Frame.decode(new byte[] {9})).isInstanceOf(MessageCodecException.class);
        assertThatThrownBy(() -> Frame.decode(new byte[] {1, 0, 1})).isInstanceOf(MessageCodecException.class);
        byte[] truncated = java.util.Arrays.copyOf(frame.encode(), 25);
        assertThatThrownBy(() -> Frame.decode(truncated)).isInstanceOf(MessageCodecException.class);
    }

    @Test
    void jsonRoundTripsRecordsWithRefsInside() throws Exception {
        Refs refs = new Refs();
        JsonMessageCodec codec = new JsonMessageCodec(refs);
        try (dev.rt.ActorSystem system = dev.rt.ActorSystem.create("codec")) {
            ActorRef<Pong> replyTo = system.spawn("reply", () -> (m, ctx) -> { });

            byte[] bytes = codec.encode(new Ping("hi", replyTo));
            Ping back = codec.decode(bytes, Ping.class);

            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"n1/user/reply#");
            assertThat(back.text()).isEqualTo("hi");
            assertThat(back.replyTo()).isSameAs(replyTo);
            assertThat(codec.decode(codec.encode(new Job("j-1")), Job.class)).isEqualTo(new Job("j-1"));
            assertThat(codec.decode(codec.encode(7L), Long.class)).isEqualTo(7L);
        }
    }

    @Test
    void undecodableJsonIsATypedError() {
        JsonMessageCodec codec = new JsonMessageCodec(new Refs());
        assertThatThrownBy(() -> codec.decode("{oops".getBytes(StandardCharsets.UTF_8), Pong.class))
                .isInstanceOf(MessageCodecException.class).hasMessageContaining(Pong.class.getName());
        assertThatThrownBy(() -> codec.decode("null".getBytes(StandardCharsets.UTF_8), Pong.class))
                .isInstanceOf(MessageCodecException.class);
        assertThatThrownBy(() -> codec.decode("{\"text\":\"x\",\"replyTo\":\"nowhere\"}"
                .getBytes(StandardCharsets.UTF_8), Ping.class)).isInstanceOf(MessageCodecException.class);
        assertThatThrownBy(() -> codec.decode("{\"text\":\"x\",\"replyTo\":5}".getBytes(StandardCharsets.UTF_8),
                Ping.class)).isInstanceOf(MessageCodecException.class);
    }

    @Test
    void anUnencodableMessageIsATypedError() {
        JsonMessageCodec codec = new JsonMessageCodec(new Refs());
        record Cyclic(Object self) {
        }
        Object[] loop = new Object[1];
        loop[0] = loop;
        assertThatThrownBy(() -> codec.encode(new Cyclic(loop))).isInstanceOf(MessageCodecException.class);
    }
}
