package dev.rt;

/**
 * Optional marker for message types that declare metadata. Annotate the type (or a sealed interface it
 * implements) with {@link MessageInfo}; the runtime reads the annotation once per class and caches it,
 * so the methods below cost no reflection per message.
 *
 * <pre>{@code
 * @MessageInfo(type = "orders.cancel", priority = MessagePriority.HIGH)
 * record CancelOrder(long id) implements Message {}
 * }</pre>
 */
public interface Message {

    /** @return the declared type name, or the simple class name */
    default String messageType() {
        return MessageMetadata.of(getClass()).typeName();
    }

    /** @return the declared priority, {@link MessagePriority#NORMAL} by default */
    default MessagePriority priority() {
        return MessageMetadata.of(getClass()).priority();
    }

    /** @return the declared delivery guarantee, {@link DeliveryGuarantee#AT_MOST_ONCE} by default */
    default DeliveryGuarantee deliveryGuarantee() {
        return MessageMetadata.of(getClass()).guarantee();
    }
}
