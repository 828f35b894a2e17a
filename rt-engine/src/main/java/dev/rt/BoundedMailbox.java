package dev.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;

/**
 * A bounded mailbox with an exact capacity. JCTools array queues round their size up to a power of two,
 * so the capacity is enforced by a threshold, not by the array. {@code DROP_OLDEST} needs producers to
 * take from the head and so uses an MPMC queue; the other strategies use MPSC.
 */
final class BoundedMailbox extends Mailbox {

    private static final VarHandle QUEUE;

    static {
        try {
            QUEUE = MethodHandles.lookup().findVarHandle(BoundedMailbox.class, "queue", MessagePassingQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MailboxConfig config;
    private final boolean multiConsumer;
    private volatile MessagePassingQueue<Object> queue;

    BoundedMailbox(MailboxConfig config) {
        this.config = config;
        this.multiConsumer = config.backpressure() == MailboxConfig.Backpressure.DROP_OLDEST;
    }

    @Override
    int offer(Object item) {
        MessagePassingQueue<Object> q = queue();
        if (q instanceof MpscVarHandleArrayQueue<Object> mpsc) {
            return mpsc.offerIfBelowThreshold(item, config.capacity()) ? ACCEPTED : FULL;
        }
        if (q.size() >= config.capacity()) {
            return FULL;
        }
        return q.offer(item) ? ACCEPTED : FULL;
    }

    @Override
    Object evictOldest() {
        return multiConsumer ? queue().poll() : null;
    }

    @SuppressWarnings("unchecked")
    private MessagePassingQueue<Object> queue() {
        MessagePassingQueue<Object> q = queue;
        if (q != null) {
            return q;
        }
        // Slack above the capacity absorbs the check-then-offer race of concurrent DROP_OLDEST producers.
        int physical = Math.max(2, multiConsumer ? config.capacity() + 64 : config.capacity());
        MessagePassingQueue<Object> fresh = multiConsumer
                ? new MpmcVarHandleArrayQueue<>(physical)
                : new MpscVarHandleArrayQueue<>(physical);
        MessagePassingQueue<Object> won = (MessagePassingQueue<Object>) QUEUE.compareAndExchange(this, null, fresh);
        return won == null ? fresh : won;
    }

    @Override
    Object poll() {
        MessagePassingQueue<Object> q = queue;
        return q == null ? null : q.poll();
    }

    @Override
    boolean isEmpty() {
        MessagePassingQueue<Object> q = queue;
        return q == null || q.isEmpty();
    }

    @Override
    long depth() {
        MessagePassingQueue<Object> q = queue;
        return q == null ? 0 : q.size();
    }

    @Override
    long enqueued() {
        return produced(queue);
    }

    @Override
    long dequeued() {
        return consumed(queue);
    }

    @Override
    MailboxConfig config() {
        return config;
    }
}
