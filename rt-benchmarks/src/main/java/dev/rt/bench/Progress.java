package dev.rt.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter with one writer (the actor that receives a producer's messages) and any number of readers
 * (the producer checking how far the actor got). It sits alone on its cache line so a producer's reads
 * do not collide with other producers' counters. The same object is the message: sending it costs no
 * allocation, in either runtime.
 */
public final class Progress extends ProgressFields {

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(ProgressValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Adds one; single writer only (the receiving actor). A release store, a plain store on x86. */
    public void increment() {
        VALUE.setRelease(this, (long) VALUE.getOpaque(this) + 1);
    }

    /** @return the count, read with acquire semantics */
    public long get() {
        return (long) VALUE.getAcquire(this);
    }
}

/** Padding before the value (field order within one class is up to the JVM; across classes it is not). */
abstract class ProgressPadBefore {
    long p01, p02, p03, p04, p05, p06, p07, p08;
}

/** The value. */
abstract class ProgressValue extends ProgressPadBefore {
    long value;
}

/** Padding after the value. */
abstract class ProgressFields extends ProgressValue {
    long p11, p12, p13, p14, p15, p16, p17, p18;
}
