package dev.rt;

import dev.rt.monitor.DeadLetterReason;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The temporary reply ref of an {@code ask}: a future that is also an {@link ActorRef}, so an ask costs
 * one object plus its timeout task, not an actor. The first reply completes it; later replies are dead
 * letters. Waiting on it spins briefly before blocking, because a reply usually arrives within
 * microseconds and waking a parked thread costs tens of them.
 */
final class AskPromise<R> extends CompletableFuture<R> implements ActorRef<R>, Runnable {

    private static final long SPIN_NANOS = 50_000;
    /** Then yield: together they outlast a thread wake-up on a virtual machine (~60 µs seen here). */
    private static final long YIELD_NANOS = 200_000;

    private final ActorSystem system;
    private final ActorRef<?> target;
    private final long id;
    private final long timeoutNanos;
    private volatile Cancellable timeoutTask;
    private volatile String requestType = "?";
    private volatile Object request;
    private volatile boolean timedOut;
    private ActorAddress address;

    private AskPromise(ActorSystem system, ActorRef<?> target, long timeoutNanos) {
        this.system = system;
        this.target = target;
        this.id = system.nextUid();
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Sends {@code request(replyRef)} to {@code target} and returns the reply future.
     */
    @SuppressWarnings("unchecked")
    static <M, R> CompletableFuture<R> ask(ActorSystem system, ActorRef<M> target,
                                           Function<ActorRef<R>, ? extends M> request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ask timeout must be positive, was " + timeout);
        }
        AskPromise<R> promise = new AskPromise<>(system, target, timeout.toNanos());
        M message;
        try {
            message = request.apply(promise);
        } catch (RuntimeException e) {
            promise.completeExceptionally(e);
            return promise;
        }
        if (message == null) {
            promise.completeExceptionally(new NullPointerException("ask request function returned null"));
            return promise;
        }
        promise.requestType = message.getClass().getSimpleName();
        promise.request = message;
        try {
            promise.timeoutTask = system.scheduler().schedule(promise, promise.timeoutNanos);
            if (target instanceof ActorCell<?> cell) {
                if (!((ActorCell<M>) cell).deliverAsk(message, promise)) {
                    promise.fail(new ActorStoppedException("ask to " + target.address().path()
                            + " failed: the actor has stopped; the " + promise.requestType
                            + " request was dead-lettered"));
                }
            } else {
                target.tell(message, promise);
            }
        } catch (RuntimeException e) {
            promise.fail(e);
        }
        return promise;
    }

    private void fail(Throwable error) {
        if (completeExceptionally(error)) {
            cancelTimeout();
        }
    }

    /** Timeout. */
    @Override
    public void run() {
        timedOut = true;
        system.countAskTimeout();
        Object pending = request;
        if (pending instanceof Message typed
                && MessageMetadata.of(typed.getClass()).guarantee() != DeliveryGuarantee.AT_MOST_ONCE) {
            // Not silently lost: the caller gave up, but the request may still be handled; say so.
            system.deadLetters().publish(pending, this, target.address(), dev.rt.monitor.DeadLetterReason.TIMED_OUT,
                    "ask timed out; the at-least-once request may still be handled, its reply will be dead-lettered");
        }
        completeExceptionally(new AskTimeoutException("ask to " + target.address().path() + " timed out after "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms waiting for a reply to " + requestType));
    }

    /** The system terminated before a reply or the timeout. */
    void abandon() {
        fail(new ActorSystemTerminatedException("actor system " + system.name() + " terminated before "
                + target.address().path() + " replied to " + requestType));
    }

    private void cancelTimeout() {
        Cancellable task = timeoutTask;
        if (task != null) {
            task.cancel();
        }
    }

    @Override
    public ActorAddress address() {
        ActorAddress a = address;
        if (a == null) {
            a = new ActorAddress(system.name(), "/temp/ask-" + id, id);
            address = a;
        }
        return a;
    }

    @Override
    public void tell(R message) {
        tell(message, null);
    }

    @Override
    public void tell(R message, ActorRef<?> sender) {
        Objects.requireNonNull(message, "message must not be null");
        if (complete(message)) {
            request = null;
            cancelTimeout();
            return;
        }
        system.deadLetters().publish(message, sender, address(),
                timedOut ? DeadLetterReason.TIMED_OUT : DeadLetterReason.ALREADY_ANSWERED,
                timedOut ? "reply arrived after the ask timed out" : "the ask was already answered");
    }

    @Override
    public void tell(R message, ActorRef<?> sender, Duration timeToLive) {
        tell(message, sender);
    }

    /** A reply completes the ask at once; there is no handler to redeliver to. */
    @Override
    public void tell(R message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
        tell(message, sender);
    }

    @Override
    public OfferResult offer(R message) {
        boolean open = !isDone();
        tell(message, null);
        return open ? OfferResult.ACCEPTED : OfferResult.DEAD;
    }

    @Override
    public <X> CompletableFuture<X> ask(Function<ActorRef<X>, ? extends R> request, Duration timeout) {
        return ask(system, this, request, timeout);
    }

    @Override
    public <X> CompletableFuture<X> ask(Function<ActorRef<X>, ? extends R> request) {
        return ask(system, this, request, system.askTimeout());
    }

    @Override
    public R join() {
        spinUntilDone();
        return super.join();
    }

    @Override
    public R get() throws InterruptedException, ExecutionException {
        spinUntilDone();
        return super.get();
    }

    @Override
    public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        spinUntilDone();
        return super.get(timeout, unit);
    }

    private void spinUntilDone() {
        if (isDone()) {
            return;
        }
        long start = System.nanoTime();
        long waited = 0;
        while (!isDone() && waited < SPIN_NANOS + YIELD_NANOS) {
            if (waited < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            waited = System.nanoTime() - start;
        }
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "ActorRef[" + address().path() + "]";
    }
}
