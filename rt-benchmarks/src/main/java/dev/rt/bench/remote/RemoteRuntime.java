package dev.rt.bench.remote;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Two nodes of one runtime in this JVM, talking over loopback TCP: rt over a nats-server, or Pekko over
 * Artery TCP. Node A sends, node B receives and answers.
 */
interface RemoteRuntime extends AutoCloseable {

    String RT_NATS = "rt-nats";
    String PEKKO_ARTERY = "pekko-artery";
    /** One-way messages sent ahead of those received: below Artery's send queue (3072), which drops the rest. */
    int WINDOW = 1000;

    /**
     * Sends {@code messages} one-way messages from A to B, at most {@link #WINDOW} ahead of what B has
     * received, and waits until B has received all of them.
     */
    void oneWay(int messages) throws Exception;

    /**
     * Runs {@code roundTrips} ping-pongs between an actor on A and one on B, {@code inFlight} at a time
     * (1: strictly one after the other; more: the transports batch writes), and waits for the last pong.
     */
    void pingPong(int roundTrips, int inFlight) throws Exception;

    /** One ask from outside the actors on A to an echo actor on B; returns when the answer is in. */
    Object ask() throws Exception;

    @Override
    void close();

    /**
     * The one-way loop both runtimes share: sends {@code messages}, never more than {@link #WINDOW} ahead of
     * {@code received} (the receiver's count), then waits until all have arrived.
     */
    static void sendWindowed(int messages, AtomicLong received, IntConsumer send) {
        long base = received.get();
        long target = base + messages;
        for (int i = 0; i < messages; i++) {
            while (i - (received.get() - base) >= WINDOW) {
                Thread.onSpinWait(); // flow control: Artery drops what overflows its send queue
            }
            send.accept(i);
        }
        while (received.get() < target) {
            Thread.onSpinWait();
        }
    }

    static RemoteRuntime create(String name) throws Exception {
        return switch (name) {
            case RT_NATS -> new RtNatsRuntime();
            case PEKKO_ARTERY -> new PekkoArteryRuntime();
            default -> throw new IllegalArgumentException("unknown runtime " + name);
        };
    }
}
