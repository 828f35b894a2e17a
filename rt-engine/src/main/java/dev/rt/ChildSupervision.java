package dev.rt;

/**
 * What a supervising cell tells its actor about its children; called on the supervisor's thread. The
 * cell finishes a pending stop or restart itself once its last child is gone.
 */
interface ChildSupervision {

    void childStarted(ActorCell<?> child);

    void childFailed(ActorCell<?> child, Throwable cause);

    /**
     * @param child the child that stopped
     * @param failure why it stopped, or {@code null} for a normal stop
     */
    void childTerminated(ActorCell<?> child, Throwable failure);

    void childStopTimedOut(ActorCell<?> child);

    /**
     * Stops the children one at a time in reverse start order, each by its shutdown policy.
     *
     * @return whether some child is still stopping
     */
    boolean stopChildrenInOrder();
}
