package dev.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;

/**
 * One unbounded MPSC queue per {@link MessagePriority}; the consumer always takes from the highest
 * non-empty level, so order is FIFO within a level and by priority across levels. Each level's queue is
 * created on its first message.
 */
final class PriorityMailbox extends Mailbox {

    private static final int CHUNK = 32;
    private static final int LEVELS = MessagePriority.values().length;
    private static final VarHandle LANES = MethodHandles.arrayElementVarHandle(
            MpscUnboundedVarHandleArrayQueue[].class);

    @SuppressWarnings("unchecked")
    private final MpscUnboundedVarHandleArrayQueue<Object>[] lanes = new MpscUnboundedVarHandleArrayQueue[LEVELS];

    @Override
    int offer(Object item) {
        Object message = item instanceof Envelope e ? e.message : item;
        lane(MessageMetadata.priorityOf(message).ordinal()).offer(item);
        return ACCEPTED;
    }

    @SuppressWarnings("unchecked")
    private MpscUnboundedVarHandleArrayQueue<Object> lane(int level) {
        MpscUnboundedVarHandleArrayQueue<Object> q =
                (MpscUnboundedVarHandleArrayQueue<Object>) LANES.getVolatile(lanes, level);
        if (q != null) {
            return q;
        }
        MpscUnboundedVarHandleArrayQueue<Object> fresh = new MpscUnboundedVarHandleArrayQueue<>(CHUNK);
        Object won = LANES.compareAndExchange(lanes, level, null, fresh);
        return won == null ? fresh : (MpscUnboundedVarHandleArrayQueue<Object>) won;
    }

    @SuppressWarnings("unchecked")
    private MpscUnboundedVarHandleArrayQueue<Object> existing(int level) {
        return (MpscUnboundedVarHandleArrayQueue<Object>) LANES.getVolatile(lanes, level);
    }

    @Override
    Object poll() {
        for (int level = 0; level < LEVELS; level++) {
            MpscUnboundedVarHandleArrayQueue<Object> q = existing(level);
            if (q != null) {
                Object item = q.poll();
                if (item != null) {
                    return item;
                }
            }
        }
        return null;
    }

    @Override
    boolean isEmpty() {
        for (int level = 0; level < LEVELS; level++) {
            MpscUnboundedVarHandleArrayQueue<Object> q = existing(level);
            if (q != null && !q.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    long depth() {
        long sum = 0;
        for (int level = 0; level < LEVELS; level++) {
            MpscUnboundedVarHandleArrayQueue<Object> q = existing(level);
            sum += q == null ? 0 : q.size();
        }
        return sum;
    }

    @Override
    long enqueued() {
        long sum = 0;
        for (int level = 0; level < LEVELS; level++) {
            sum += produced(existing(level));
        }
        return sum;
    }

    @Override
    long dequeued() {
        long sum = 0;
        for (int level = 0; level < LEVELS; level++) {
            sum += consumed(existing(level));
        }
        return sum;
    }

    @Override
    MailboxConfig config() {
        return MailboxConfig.priority();
    }
}
