package dev.rt;

/** A lifecycle notification delivered to {@link Actor#onSignal}, ahead of ordinary messages. */
public interface Signal {
}
