package dev.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link MessageMetadata}: defaults, annotation lookup order and caching. */
class MessageMetadataTest {

    record Plain() implements Message {
    }

    record NotAMessage() {
    }

    @MessageInfo(type = "orders.cancel", priority = MessagePriority.HIGH, guarantee = DeliveryGuarantee.AT_LEAST_ONCE)
    record CancelOrder(long id) implements Message {
    }

    @MessageInfo(priority = MessagePriority.LOW, guarantee = DeliveryGuarantee.EXACTLY_ONCE)
    sealed interface Billing extends Message permits Billing.Charge, Billing.Refund {
        record Charge(long cents) implements Billing {
        }

        @MessageInfo(type = "billing.refund", priority = MessagePriority.CRITICAL)
        record Refund(long cents) implements Billing {
        }
    }

    @MessageInfo(type = "first", priority = MessagePriority.HIGH)
    interface First {
    }

    @MessageInfo(type = "second", priority = MessagePriority.LOW)
    interface Second {
    }

    record Both() implements First, Second, Message {
    }

    @MessageInfo(type = "base", priority = MessagePriority.CRITICAL)
    abstract static class Base implements Message {
    }

    static final class Derived extends Base {
    }

    @MessageInfo(type = "iface")
    interface Tagged {
    }

    static final class DerivedWithInterface extends Base implements Tagged {
    }

    @Test
    void unannotatedTypesGetTheSimpleNameAndDefaults() {
        MessageMetadata metadata = MessageMetadata.of(Plain.class);
        assertThat(metadata.typeName()).isEqualTo("Plain");
        assertThat(metadata.priority()).isEqualTo(MessagePriority.NORMAL);
        assertThat(metadata.guarantee()).isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
        assertThat(MessageMetadata.of(NotAMessage.class).typeName()).isEqualTo("NotAMessage");
        assertThat(MessageMetadata.priorityOf(new NotAMessage())).isEqualTo(MessagePriority.NORMAL);
    }

    @Test
    void annotationValuesAreRead() {
        MessageMetadata metadata = MessageMetadata.of(CancelOrder.class);
        assertThat(metadata).isEqualTo(new MessageMetadata("orders.cancel", MessagePriority.HIGH,
                DeliveryGuarantee.AT_LEAST_ONCE));
        CancelOrder message = new CancelOrder(7);
        assertThat(message.messageType()).isEqualTo("orders.cancel");
        assertThat(message.priority()).isEqualTo(MessagePriority.HIGH);
        assertThat(message.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void recordsInheritFromTheirAnnotatedSealedInterfaceUnlessAnnotatedThemselves() {
        MessageMetadata charge = MessageMetadata.of(Billing.Charge.class);
        assertThat(charge.typeName()).as("empty type means the class's simple name").isEqualTo("Charge");
        assertThat(charge.priority()).isEqualTo(MessagePriority.LOW);
        assertThat(charge.guarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);

        MessageMetadata refund = MessageMetadata.of(Billing.Refund.class);
        assertThat(refund.typeName()).isEqualTo("billing.refund");
        assertThat(refund.priority()).as("the class wins over its interface").isEqualTo(MessagePriority.CRITICAL);
        assertThat(refund.guarantee()).isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
    }

    @Test
    void interfacesAreSearchedInDeclarationOrderBeforeTheSuperclass() {
        assertThat(MessageMetadata.of(Both.class).typeName()).isEqualTo("first");
        assertThat(MessageMetadata.of(Both.class).priority()).isEqualTo(MessagePriority.HIGH);
        assertThat(MessageMetadata.of(Derived.class).typeName()).isEqualTo("base");
        assertThat(MessageMetadata.of(Derived.class).priority()).isEqualTo(MessagePriority.CRITICAL);
        assertThat(MessageMetadata.of(DerivedWithInterface.class).typeName()).isEqualTo("iface");
    }

    @Test
    void metadataIsComputedOncePerClass() {
        assertThat(MessageMetadata.of(CancelOrder.class)).isSameAs(MessageMetadata.of(CancelOrder.class));
        MessageMetadata charge = MessageMetadata.of(Billing.Charge.class);
        assertThat(MessageMetadata.of(new Billing.Charge(1).getClass())).isSameAs(charge);
        assertThat(new Billing.Charge(2).messageType()).isSameAs(charge.typeName());
    }

    @Test
    void partsMustNotBeNull() {
        assertThatThrownBy(() -> new MessageMetadata(null, MessagePriority.NORMAL, DeliveryGuarantee.AT_MOST_ONCE))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MessageMetadata("t", null, DeliveryGuarantee.AT_MOST_ONCE))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MessageMetadata("t", MessagePriority.NORMAL, null))
                .isInstanceOf(NullPointerException.class);
    }
}
