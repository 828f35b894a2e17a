package dev.rt.remote.nats;

import dev.rt.MessageMetadata;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The allow-list of message types that may cross nodes, each under a wire name. Only registered classes
 * are encoded, and a payload is decoded only into the class registered under its name, so the wire
 * never chooses a class. Every node must register the same names. Common value types ({@code String},
 * boxed primitives, {@code byte[]}) are registered already, as replies often are plain values.
 *
 * <p>Thread-safe; register everything before the first message arrives.
 */
public final class MessageTypes {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.$-]{1,200}");

    private final Map<String, Class<?>> byName = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> byType = new ConcurrentHashMap<>();

    /** An allow-list with only the common value types. */
    public MessageTypes() {
        register("string", String.class);
        register("long", Long.class);
        register("int", Integer.class);
        register("short", Short.class);
        register("byte", Byte.class);
        register("double", Double.class);
        register("float", Float.class);
        register("boolean", Boolean.class);
        register("char", Character.class);
        register("bytes", byte[].class);
    }

    /**
     * Registers a type under its {@link MessageMetadata} type name (the {@code @MessageInfo} type, or the
     * simple class name).
     *
     * @param type the class
     * @return this
     * @throws IllegalArgumentException if the name is taken by another class
     */
    public MessageTypes register(Class<?> type) {
        Objects.requireNonNull(type, "type");
        return register(MessageMetadata.of(type).typeName(), type);
    }

    /**
     * Registers a type under a given wire name.
     *
     * @param name the wire name: letters, digits, {@code _ . $ -}
     * @param type the class
     * @return this
     * @throws IllegalArgumentException if the name is invalid or taken by another class, or the class is
     *                                  an interface or abstract (the wire names one concrete class)
     */
    public MessageTypes register(String name, Class<?> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid message type name '" + name
                    + "': use letters, digits and _ . $ - (at most 200)");
        }
        if (!type.isArray() && (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers()))) {
            throw new IllegalArgumentException("register the concrete message classes, not " + type.getName());
        }
        Class<?> previous = byName.putIfAbsent(name, type);
        if (previous != null && previous != type) {
            throw new IllegalArgumentException("message type name '" + name + "' is already registered for "
                    + previous.getName() + ", cannot register " + type.getName());
        }
        byType.putIfAbsent(type, name);
        return this;
    }

    /**
     * @param type a class
     * @return its wire name
     * @throws UnregisteredMessageTypeException if it is not registered
     */
    public String nameOf(Class<?> type) {
        String name = byType.get(type);
        if (name == null) {
            throw new UnregisteredMessageTypeException("message type " + type.getName()
                    + " is not registered for remote delivery; register it on every node");
        }
        return name;
    }

    /**
     * @param name a wire name
     * @return the class registered under it
     * @throws UnregisteredMessageTypeException if none is
     */
    public Class<?> typeOf(String name) {
        Class<?> type = byName.get(name);
        if (type == null) {
            throw new UnregisteredMessageTypeException("no message type is registered under '" + name + "'");
        }
        return type;
    }

    /**
     * @param type a class
     * @return whether it may cross nodes
     */
    public boolean isRegistered(Class<?> type) {
        return byType.containsKey(type);
    }
}
