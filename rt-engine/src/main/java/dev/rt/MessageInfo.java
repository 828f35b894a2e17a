package dev.rt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a message type's metadata. Put it on the message class or on an interface the class
 * implements (the class wins, then its interfaces in declaration order, then its superclass).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageInfo {

    /** @return the type name; empty means the simple class name */
    String type() default "";

    /** @return the priority in a priority mailbox */
    MessagePriority priority() default MessagePriority.NORMAL;

    /** @return the delivery guarantee */
    DeliveryGuarantee guarantee() default DeliveryGuarantee.AT_MOST_ONCE;
}
