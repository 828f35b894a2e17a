package dev.rt.remote.nats;

import dev.rt.ActorRef;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The default codec: JSON with Jackson 3 (records, enums and plain classes as Jackson maps them). Refs
 * inside messages are written as strings through the node's {@link RefCodec}. The wire never chooses a
 * class: the top-level class comes from the {@link MessageTypes} allow-list, default typing is off and
 * class names in the JSON ({@code @JsonTypeInfo(use = CLASS)} fields) are refused, even with a mapper
 * builder of the application's. Polymorphic fields with logical names ({@code use = NAME} and
 * {@code @JsonSubTypes}) still work: their subtypes are listed in code.
 */
public final class JsonMessageCodec implements MessageCodec {

    private final JsonMapper mapper;

    /**
     * @param refs how refs inside messages are written and read
     */
    public JsonMessageCodec(RefCodec refs) {
        this(JsonMapper.builder(), refs);
    }

    /**
     * @param builder a mapper builder with the application's own modules and settings
     * @param refs how refs inside messages are written and read
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public JsonMessageCodec(JsonMapper.Builder builder, RefCodec refs) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(refs, "refs");
        SimpleModule module = new SimpleModule("rt-actor-refs");
        module.addSerializer((Class) ActorRef.class, new RefSerializer(refs));
        module.addDeserializer((Class) ActorRef.class, new RefDeserializer(refs));
        this.mapper = builder.addModule(module)
                .deactivateDefaultTyping()
                .polymorphicTypeValidator(NoClassNamesFromTheWire.INSTANCE)
                .build();
    }

    @Override
    public byte[] encode(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MessageCodecException("cannot encode " + message.getClass().getName() + " as JSON: "
                    + detail(e), e);
        }
    }

    @Override
    public <T> T decode(byte[] bytes, Class<T> type) {
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw new MessageCodecException("JSON null is not a " + type.getName());
            }
            return value;
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MessageCodecException("cannot decode " + type.getName() + " from JSON: "
                    + detail(e), e);
        }
    }

    private static String detail(RuntimeException e) {
        return e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
    }

    /** Refuses every class named by the JSON: a class name on the wire could instantiate anything. */
    private static final class NoClassNamesFromTheWire extends PolymorphicTypeValidator.Base {
        static final NoClassNamesFromTheWire INSTANCE = new NoClassNamesFromTheWire();
        private static final long serialVersionUID = 1L;

        @Override
        public Validity validateBaseType(DatabindContext ctxt, JavaType baseType) {
            return Validity.DENIED;
        }

        @Override
        public Validity validateSubClassName(DatabindContext ctxt, JavaType baseType, String subClassName) {
            return Validity.DENIED;
        }

        @Override
        public Validity validateSubType(DatabindContext ctxt, JavaType baseType, JavaType subType) {
            return Validity.DENIED;
        }
    }

    private static final class RefSerializer extends ValueSerializer<ActorRef<?>> {
        private final RefCodec refs;

        RefSerializer(RefCodec refs) {
            this.refs = refs;
        }

        @Override
        public void serialize(ActorRef<?> value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(refs.write(value));
        }
    }

    private static final class RefDeserializer extends ValueDeserializer<ActorRef<?>> {
        private final RefCodec refs;

        RefDeserializer(RefCodec refs) {
            this.refs = refs;
        }

        @Override
        public ActorRef<?> deserialize(JsonParser p, DeserializationContext ctxt) {
            String wire = p.getValueAsString();
            if (wire == null) {
                throw new MessageCodecException("an actor ref must be a JSON string");
            }
            return refs.read(wire);
        }
    }
}
