package dev.rt;

import java.util.concurrent.TimeUnit;

/** Runs scheduled actors on its threads. */
interface Dispatcher {

    /** @return the name actors use to choose it */
    String name();

    /** @return messages an actor handles per turn */
    int throughput();

    /**
     * Runs an actor's turn soon. Never blocks.
     *
     * @param task the actor cell
     */
    void execute(Runnable task);

    /**
     * Runs again an actor that yielded its thread after a full batch: behind the work already waiting,
     * so it does not starve other actors.
     *
     * @param task the actor cell
     */
    default void reschedule(Runnable task) {
        execute(task);
    }

    /**
     * Called on an actor's turn when its mailbox ran dry: keeps the thread on that actor for a moment,
     * if the dispatcher lingers and the thread has nothing else to run, so a sender that is slightly
     * slower than the actor finds it still scheduled.
     *
     * @param actor the actor whose turn it is
     * @return whether work arrived for it meanwhile
     */
    default boolean lingerOn(PendingWork actor) {
        return false;
    }

    /**
     * @param actor an actor
     * @return whether a thread lingers on it now (it is scheduled but has nothing to handle)
     */
    default boolean isLingeringOn(PendingWork actor) {
        return false;
    }

    /** An actor as a lingering worker watches it. */
    interface PendingWork {

        /** @return whether messages or system messages wait for the actor */
        boolean hasPendingWork();
    }

    /** @return whether the calling thread is one of this dispatcher's workers */
    boolean isWorkerThread();

    /** Lets queued work finish and stops the threads. */
    void shutdown();

    /** Interrupts the threads (for handlers that ignore the shutdown timeout). */
    void shutdownNow();

    /**
     * @param timeout how long to wait
     * @param unit its unit
     * @return whether every thread has ended
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Builds a dispatcher from its configuration.
     *
     * @param system the system's name, for thread names
     * @param name the dispatcher name
     * @param config the configuration
     * @return a started dispatcher
     */
    static Dispatcher create(String system, String name, DispatcherConfig config) {
        String prefix = "rt-" + system + "-" + name + "-";
        return switch (config.kind()) {
            case WORK_STEALING -> new WorkStealingDispatcher(name, prefix, config);
            case BLOCKING -> new BlockingDispatcher(name, prefix, config);
        };
    }
}
