package dev.rt;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of threads with a shared queue, for actors that block (file and network I/O). Idle
 * threads wait on the queue and use no CPU.
 */
final class BlockingDispatcher implements Dispatcher {

    private final String name;
    private final int throughput;
    private final ThreadPoolExecutor pool;

    BlockingDispatcher(String name, String threadPrefix, DispatcherConfig config) {
        this.name = name;
        this.throughput = config.throughput();
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.parallelism(), config.parallelism(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new BlockingWorker(task, threadPrefix + counter.incrementAndGet(), this);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int throughput() {
        return throughput;
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public boolean isWorkerThread() {
        return Thread.currentThread() instanceof BlockingWorker w && w.owner == this;
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public void shutdownNow() {
        pool.shutdownNow();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }

    private static final class BlockingWorker extends Thread implements RuntimeThread {
        private final BlockingDispatcher owner;

        BlockingWorker(Runnable task, String name, BlockingDispatcher owner) {
            super(task, name);
            this.owner = owner;
        }
    }
}
