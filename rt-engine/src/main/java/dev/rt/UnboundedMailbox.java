package dev.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;

/** The default mailbox: a JCTools unbounded MPSC array queue, created on the first message. */
final class UnboundedMailbox extends Mailbox {

    private static final int CHUNK = 64;
    private static final VarHandle QUEUE;

    static {
        try {
            QUEUE = MethodHandles.lookup().findVarHandle(UnboundedMailbox.class, "queue",
                    MpscUnboundedVarHandleArrayQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile MpscUnboundedVarHandleArrayQueue<Object> queue;

    @Override
    int offer(Object item) {
        MpscUnboundedVarHandleArrayQueue<Object> q = queue;
        if (q == null) {
            q = create();
        }
        q.offer(item);
        return ACCEPTED;
    }

    @SuppressWarnings("unchecked")
    private MpscUnboundedVarHandleArrayQueue<Object> create() {
        MpscUnboundedVarHandleArrayQueue<Object> fresh = new MpscUnboundedVarHandleArrayQueue<>(CHUNK);
        MpscUnboundedVarHandleArrayQueue<Object> won =
                (MpscUnboundedVarHandleArrayQueue<Object>) QUEUE.compareAndExchange(this, null, fresh);
        return won == null ? fresh : won;
    }

    @Override
    Object poll() {
        MpscUnboundedVarHandleArrayQueue<Object> q = queue;
        return q == null ? null : q.poll();
    }

    @Override
    boolean isEmpty() {
        MpscUnboundedVarHandleArrayQueue<Object> q = queue;
        return q == null || q.isEmpty();
    }

    @Override
    long depth() {
        MpscUnboundedVarHandleArrayQueue<Object> q = queue;
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
        return MailboxConfig.unbounded();
    }
}
