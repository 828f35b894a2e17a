package dev.rt.osl.fs;

import dev.rt.ActorRef;
import dev.rt.Message;
import dev.rt.MessageInfo;
import java.util.Objects;

/**
 * A request to the file service (layer 2 of ADR-RT-008): the operation, where to send the
 * {@link FileSystemResponse}, an id to correlate it, and who asks (matched against the access rules).
 *
 * <p>From inside an actor, reply to a {@linkplain dev.rt.ActorContext#messageAdapter message adapter}
 * and keep the pending requests by id:
 *
 * <pre>{@code
 * sealed interface Cmd {
 *     record Load(String path) implements Cmd {}
 *     record FsReply(FileSystemResponse response) implements Cmd {}
 * }
 *
 * final class Loader implements Actor<Cmd> {
 *     private final ActorRef<FileSystemRequest> files;   // OslFileSystem.requests()
 *     private final Map<Long, String> pending = new HashMap<>();
 *     private long nextId;
 *
 *     public void onMessage(Cmd cmd, ActorContext<Cmd> ctx) {
 *         if (cmd instanceof Cmd.Load load) {
 *             ActorRef<FileSystemResponse> replyTo = ctx.messageAdapter(FileSystemResponse.class, Cmd.FsReply::new);
 *             long id = ++nextId;
 *             pending.put(id, load.path());
 *             files.tell(new FileSystemRequest(FileSystemOperation.read(load.path()), replyTo, id, "loader"));
 *         } else if (cmd instanceof Cmd.FsReply reply) {
 *             String path = pending.remove(reply.response().requestId());
 *             if (reply.response().result() instanceof FileSystemResult.Content content) {
 *                 // use content.data() for path
 *             } else if (reply.response().result() instanceof FileSystemResult.Failure failure) {
 *                 // failure.kind(), failure.message()
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * @param operation what to do
 * @param replyTo who gets the response
 * @param requestId chosen by the requester, echoed in the response
 * @param principal who asks; access rules match it (or {@code "*"})
 */
@MessageInfo(type = "osl.filesystem.request")
public record FileSystemRequest(FileSystemOperation operation, ActorRef<FileSystemResponse> replyTo, long requestId,
        String principal) implements Message {

    /** Checks the components. */
    public FileSystemRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(principal, "principal");
    }
}
