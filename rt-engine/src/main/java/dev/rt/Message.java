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

    /**
     * The id an {@link DeliveryGuarantee#EXACTLY_ONCE} receiver deduplicates by: a message sent again with
     * the same id (a retry) within the receiver's window is handled once. Exactly-once types must return
     * one; without it they get at-least-once.
     *
     * @return the id, or {@code null}
     */
    default Object deduplicationId() {
        return null;
    }
}
