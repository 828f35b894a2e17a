package dev.rt;

import java.util.Objects;

/**
 * A message class's metadata, read once per class from {@link MessageInfo} and cached in a
 * {@link ClassValue}.
 *
 * @param typeName the declared or simple class name
 * @param priority the priority
 * @param guarantee the delivery guarantee
 */
public record MessageMetadata(String typeName, MessagePriority priority, DeliveryGuarantee guarantee) {

    private static final ClassValue<MessageMetadata> CACHE = new ClassValue<>() {
        @Override
        protected MessageMetadata computeValue(Class<?> type) {
            MessageInfo info = find(type);
            if (info == null) {
                return new MessageMetadata(type.getSimpleName(), MessagePriority.NORMAL,
                        DeliveryGuarantee.AT_MOST_ONCE);
            }
            String name = info.type().isEmpty() ? type.getSimpleName() : info.type();
            return new MessageMetadata(name, info.priority(), info.guarantee());
        }
    };

    /** Checks the parts. */
    public MessageMetadata {
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(guarantee, "guarantee");
    }

    /**
     * @param type a message class
     * @return its cached metadata
     */
    public static MessageMetadata of(Class<?> type) {
        return CACHE.get(type);
    }

    /**
     * @param message any message
     * @return its priority; messages that do not implement {@link Message} are {@code NORMAL}
     */
    static MessagePriority priorityOf(Object message) {
        return message instanceof Message ? CACHE.get(message.getClass()).priority : MessagePriority.NORMAL;
    }

    private static MessageInfo find(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            MessageInfo own = c.getAnnotation(MessageInfo.class);
            if (own != null) {
                return own;
            }
            for (Class<?> iface : c.getInterfaces()) {
                MessageInfo inherited = find(iface);
                if (inherited != null) {
                    return inherited;
                }
            }
        }
        return null;
    }
}
