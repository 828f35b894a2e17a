package dev.rt.spring.osl;

import dev.rt.ActorAddress;
import dev.rt.ActorRef;
import dev.rt.DeliveryGuarantee;
import dev.rt.OfferResult;
import dev.rt.osl.fs.FileSystemRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The file service's request ref as a bean: it exists before the service runs (beans are wired before
 * the context starts) and forwards to the service's entry actor once {@link OslFileSystemLifecycle} has
 * started it.
 */
final class FileSystemRequestsRef implements ActorRef<FileSystemRequest> {

    private volatile ActorRef<FileSystemRequest> target;

    void bind(ActorRef<FileSystemRequest> started) {
        this.target = started;
    }

    private ActorRef<FileSystemRequest> target() {
        ActorRef<FileSystemRequest> started = target;
        if (started == null) {
            throw new IllegalStateException("the OSL file service is not running yet: rt starts it when the "
                    + "application context starts; use it from then on, not while beans are being created");
        }
        return started;
    }

    @Override
    public ActorAddress address() {
        return target().address();
    }

    @Override
    public void tell(FileSystemRequest message) {
        target().tell(message);
    }

    @Override
    public void tell(FileSystemRequest message, ActorRef<?> sender) {
        target().tell(message, sender);
    }

    @Override
    public void tell(FileSystemRequest message, ActorRef<?> sender, Duration timeToLive) {
        target().tell(message, sender, timeToLive);
    }

    @Override
    public void tell(FileSystemRequest message, ActorRef<?> sender, DeliveryGuarantee guarantee) {
        target().tell(message, sender, guarantee);
    }

    @Override
    public OfferResult offer(FileSystemRequest message) {
        return target().offer(message);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends FileSystemRequest> request,
                                        Duration timeout) {
        return target().ask(request, timeout);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<ActorRef<R>, ? extends FileSystemRequest> request) {
        return target().ask(request);
    }

    @Override
    public String toString() {
        ActorRef<FileSystemRequest> started = target;
        return "FileSystemRequestsRef[" + (started == null ? "not started" : started) + "]";
    }
}
