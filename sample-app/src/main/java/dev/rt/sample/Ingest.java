package dev.rt.sample;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.osl.fs.ErrorKind;
import dev.rt.osl.fs.FileSystemOperation;
import dev.rt.osl.fs.FileSystemRequest;
import dev.rt.osl.fs.FileSystemResponse;
import dev.rt.osl.fs.FileSystemResult;
import dev.rt.spring.RtActor;
import java.util.HashMap;
import java.util.Map;

/**
 * The way documents enter and leave the service. It writes and deletes the files through the OSL file
 * service actors, on behalf of the caller's principal, so the sandbox and the access rules of
 * {@code rt.osl.filesystem} decide; a refusal comes back as a typed error, never a crash. Once the file
 * service has done it, the ingest actor tells the catalog and answers the caller.
 *
 * <p>It talks to the file service by message, not by blocking: each request carries a reply address (a
 * message adapter that wraps the response in {@link Command.FileDone}) and a request id to find the
 * waiting caller again. Operations on one path are ordered by the file service, so a store and a delete
 * of the same document reach the catalog in the order they happened.
 */
@RtActor(name = "ingest", supervisor = "pipeline")
final class Ingest implements Actor<Ingest.Command> {

    /** What the ingest actor does. */
    sealed interface Command {
        /** Store a document as {@code principal}; answers with an {@link Outcome}. */
        record Store(String principal, String id, String text, ActorRef<Outcome> replyTo) implements Command {
        }

        /** Delete a document as {@code principal}; answers with an {@link Outcome}. */
        record Delete(String principal, String id, ActorRef<Outcome> replyTo) implements Command {
        }

        /** The file service answered one of our requests. */
        record FileDone(FileSystemResponse response) implements Command {
        }
    }

    /** How a store or delete ended. */
    sealed interface Outcome {
        /** The document is stored. */
        record Stored(String id, long bytes) implements Outcome {
        }

        /** The document is deleted. */
        record Deleted(String id) implements Outcome {
        }

        /** The file service refused or failed the operation. */
        record Rejected(ErrorKind error, String message) implements Outcome {
        }
    }

    private final ActorRef<FileSystemRequest> files;
    private final ActorRef<Catalog.Command> catalog;
    /** Callers waiting for the file service, by request id. */
    private final Map<Long, Command> pending = new HashMap<>();
    private ActorRef<FileSystemResponse> fileReplies;
    private long nextRequestId;

    Ingest(ActorRef<FileSystemRequest> files, ActorRef<Catalog.Command> catalog) {
        this.files = files;
        this.catalog = catalog;
    }

    @Override
    public void preStart(ActorContext<Command> ctx) {
        fileReplies = ctx.messageAdapter(FileSystemResponse.class, Command.FileDone::new);
    }

    @Override
    public void onMessage(Command command, ActorContext<Command> ctx) {
        if (command instanceof Command.Store store) {
            request(store, store.principal(), new FileSystemOperation.Write(store.id(), store.text().getBytes(UTF_8)));
        } else if (command instanceof Command.Delete delete) {
            request(delete, delete.principal(), new FileSystemOperation.DeleteFile(delete.id()));
        } else if (command instanceof Command.FileDone done) {
            Command request = pending.remove(done.response().requestId());
            if (request != null) {
                completed(request, done.response().result());
            }
        }
    }

    private void request(Command request, String principal, FileSystemOperation operation) {
        long id = ++nextRequestId;
        pending.put(id, request);
        files.tell(new FileSystemRequest(operation, fileReplies, id, principal));
    }

    private void completed(Command request, FileSystemResult result) {
        if (request instanceof Command.Store store) {
            if (result instanceof FileSystemResult.Written written) {
                catalog.tell(new Catalog.Command.Stored(store.id(), store.principal(), store.text(), written.bytes()));
                store.replyTo().tell(new Outcome.Stored(store.id(), written.bytes()));
            } else {
                store.replyTo().tell(rejected(result));
            }
        } else if (request instanceof Command.Delete delete) {
            if (result.isSuccess()) {
                catalog.tell(new Catalog.Command.Removed(delete.id()));
                delete.replyTo().tell(new Outcome.Deleted(delete.id()));
            } else {
                delete.replyTo().tell(rejected(result));
            }
        }
    }

    private static Outcome rejected(FileSystemResult result) {
        return result instanceof FileSystemResult.Failure failure
                ? new Outcome.Rejected(failure.kind(), failure.message())
                : new Outcome.Rejected(ErrorKind.IO_ERROR, "unexpected result " + result);
    }
}
