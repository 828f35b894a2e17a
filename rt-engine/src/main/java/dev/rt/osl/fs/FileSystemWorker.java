package dev.rt.osl.fs;

import dev.rt.Actor;
import dev.rt.ActorContext;

/**
 * One worker of the file service, on the blocking dispatcher: carries out a request, replies, then
 * emits the audit event (so neither a slow nor a failing listener holds up the reply). A failed operation
 * is a reply; only a JVM error could make this actor fail, and then its supervisor restarts it.
 */
final class FileSystemWorker implements Actor<FileSystemRequest> {

    private final FileSystemService service;
    private final Auditor auditor;

    FileSystemWorker(FileSystemService service, Auditor auditor) {
        this.service = service;
        this.auditor = auditor;
    }

    @Override
    public void onMessage(FileSystemRequest request, ActorContext<FileSystemRequest> ctx) {
        FileSystemService.Handled handled = service.handle(request);
        try {
            request.replyTo().tell(new FileSystemResponse(request.requestId(), handled.result()));
        } catch (RuntimeException e) { // e.g. the requester's bounded mailbox is full
            ctx.log().debug("could not reply to request {}: {}", request.requestId(), e.toString());
        }
        auditor.emit(handled.event());
    }
}
