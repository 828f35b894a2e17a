package dev.rt;

/** Priority levels of a priority mailbox: higher levels are handled first, FIFO within a level. */
public enum MessagePriority {
    /** Handled before everything else. */
    CRITICAL,
    /** Handled before normal messages. */
    HIGH,
    /** The default. */
    NORMAL,
    /** Handled when nothing else waits. */
    LOW
}
