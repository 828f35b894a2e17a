package dev.rt.remote.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rt.ActorRef;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/** The JSON on the wire cannot choose a class below the registered top-level type. */
class JsonCodecSecurityTest {

    /** A registered message with a field whose class the JSON names. */
    record Envelope(@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object body) {
    }

    /** Not registered: stands for any class with side effects on construction. */
    public static final class Gadget {
        static final AtomicInteger CREATED = new AtomicInteger();

        public Gadget() {
            CREATED.incrementAndGet();
        }
    }

    private static final RefCodec NO_REFS = new RefCodec() {
        @Override
        public String write(ActorRef<?> ref) {
            throw new MessageCodecException("no refs here");
        }

        @Override
        public ActorRef<?> read(String wire) {
            throw new MessageCodecException("no refs here");
        }
    };

    private static final byte[] ATTACK = ("{\"body\":{\"@class\":\"" + Gadget.class.getName() + "\"}}")
            .getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void reset() {
        Gadget.CREATED.set(0);
    }

    @Test
    void aClassNamedInAPolymorphicFieldIsRefused() {
        JsonMessageCodec codec = new JsonMessageCodec(NO_REFS);

        assertThatThrownBy(() -> codec.decode(ATTACK, Envelope.class)).isInstanceOf(MessageCodecException.class);
        assertThat(Gadget.CREATED).hasValue(0);
    }

    @Test
    void anApplicationsPermissiveMapperBuilderCannotOpenItAgain() {
        JsonMapper.Builder permissive = JsonMapper.builder()
                .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().allowIfSubType(Object.class).build())
                .activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfSubType(Object.class).build(),
                        DefaultTyping.NON_FINAL);
        JsonMessageCodec codec = new JsonMessageCodec(permissive, NO_REFS);

        assertThatThrownBy(() -> codec.decode(ATTACK, Envelope.class)).isInstanceOf(MessageCodecException.class);
        assertThat(Gadget.CREATED).hasValue(0);
        // and default typing is off: plain records still round-trip without type ids
        TestMessages.Pong pong = new TestMessages.Pong("hi", "n1");
        assertThat(new String(codec.encode(pong), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hi\",\"node\":\"n1\"}");
        assertThat(codec.decode(codec.encode(pong), TestMessages.Pong.class)).isEqualTo(pong);
    }
}
