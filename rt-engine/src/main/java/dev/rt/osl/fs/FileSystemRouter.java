package dev.rt.osl.fs;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;

/**
 * The service's front actor: forwards each request to the worker {@link PathRouting} picks for its
 * path. It does no I/O, so it runs on the default dispatcher. Forwarding keeps the order in which one
 * sender's requests arrived, so requests on one path are carried out in that order.
 */
final class FileSystemRouter implements Actor<FileSystemRequest> {

    private final PathRouting routing;

    FileSystemRouter(PathRouting routing) {
        this.routing = routing;
    }

    @Override
    public void onMessage(FileSystemRequest request, ActorContext<FileSystemRequest> ctx) {
        ActorRef<FileSystemRequest> worker = routing.workerFor(request.operation());
        if (worker != null) {
            worker.tell(request);
            return;
        }
        try {
            request.replyTo().tell(new FileSystemResponse(request.requestId(), new FileSystemResult.Failure(
                    ErrorKind.IO_ERROR, "the file service is restarting; try again")));
        } catch (RuntimeException e) {
            ctx.log().debug("could not reply to request {}: {}", request.requestId(), e.toString());
        }
    }
}
