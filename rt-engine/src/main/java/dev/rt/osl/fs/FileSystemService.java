package dev.rt.osl.fs;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file service without the actors: checks a request and carries it out, in this order, and never
 * throws.
 * <ol>
 *   <li>lexical checks of the path(s) ({@link RelativePath}): {@code INVALID_PATH}, {@code OUTSIDE_ROOT};</li>
 *   <li>the read-only switch: {@code READ_ONLY};</li>
 *   <li>the access rules on the requested path, before any file is touched: {@code ACCESS_DENIED};</li>
 *   <li>the real file system ({@link Sandbox}): {@code OUTSIDE_ROOT} for links that leave the root, and
 *       the rules again on the real path if a link inside the root made it differ;</li>
 *   <li>the operation itself ({@link FileOperations}).</li>
 * </ol>
 * Shared by all workers: it holds no per-request state.
 */
final class FileSystemService {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemService.class);

    private final Sandbox sandbox;
    private final FileOperations operations;
    private final AccessPolicy policy;
    private final boolean readOnly;
    private final FileSystemStats stats;

    /** The outcome of one request: the reply and its audit event. */
    record Handled(FileSystemResult result, AuditEvent event) {
    }

    FileSystemService(Path realRoot, OslFileSystemConfig config, FileSystemStats stats) {
        this.sandbox = new Sandbox(realRoot);
        this.operations = new FileOperations(realRoot, config.maxFileSize(), config.syncWrites());
        this.policy = new AccessPolicy(config.rules());
        this.readOnly = config.readOnly();
        this.stats = stats;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    FileOperations operations() {
        return operations;
    }

    /**
     * @param request the request
     * @return the result and the audit event; counted in the stats
     */
    Handled handle(FileSystemRequest request) {
        return handle(request.principal(), request.requestId(), request.operation());
    }

    /**
     * @param principal who asks
     * @param requestId the request's id, for the audit event
     * @param op what to do
     * @return the result and the audit event; counted in the stats
     */
    Handled handle(String principal, long requestId, FileSystemOperation op) {
        long start = System.nanoTime();
        Instant time = Instant.now();
        String path = shown(op.path());
        String target = op instanceof FileSystemOperation.Move move ? shown(move.target()) : null;
        FileSystemResult result;
        try {
            RelativePath source = RelativePath.parse(op.path());
            path = source.toString();
            RelativePath destination = null;
            if (op instanceof FileSystemOperation.Move move) {
                destination = RelativePath.parse(move.target());
                target = destination.toString();
            }
            if (readOnly && op.kind().isMutating()) {
                throw new FsFailure(ErrorKind.READ_ONLY, "the file service is read-only");
            }
            result = execute(principal, op, source, destination);
        } catch (FsFailure failure) {
            result = failure.toResult();
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure in {} of '{}'", op.kind(), path, e);
            result = new FileSystemResult.Failure(ErrorKind.IO_ERROR, "unexpected failure: " + e.getClass().getSimpleName());
        }
        long nanos = System.nanoTime() - start;
        stats.record(op.kind(), result, nanos);
        AuditEvent event = new AuditEvent(time, requestId, principal, op.kind(), path, target,
                Decision.of(result), outcome(result), bytes(result), Duration.ofNanos(nanos));
        return new Handled(result, event);
    }

    private FileSystemResult execute(String principal, FileSystemOperation op, RelativePath path,
            RelativePath target) throws FsFailure {
        if (op instanceof FileSystemOperation.Read read) {
            return operations.read(authorize(principal, path, Permission.READ, true), read);
        }
        if (op instanceof FileSystemOperation.Write write) {
            return operations.write(authorize(principal, path, Permission.WRITE, true), write.data());
        }
        if (op instanceof FileSystemOperation.Append append) {
            return operations.append(authorize(principal, path, Permission.WRITE, true), append.data());
        }
        if (op instanceof FileSystemOperation.DeleteFile) {
            return operations.deleteFile(authorize(principal, path, Permission.DELETE, false));
        }
        if (op instanceof FileSystemOperation.ListDirectory) {
            return operations.list(authorize(principal, path, Permission.LIST, true));
        }
        if (op instanceof FileSystemOperation.CreateDirectory create) {
            return operations.createDirectory(authorize(principal, path, Permission.WRITE, true), create.recursive());
        }
        if (op instanceof FileSystemOperation.DeleteDirectory delete) {
            return operations.deleteDirectory(authorize(principal, path, Permission.DELETE, false), delete.recursive());
        }
        if (op instanceof FileSystemOperation.Stat) {
            return operations.stat(authorize(principal, path, Permission.READ, true));
        }
        if (op instanceof FileSystemOperation.Move move) {
            policy.check(principal, path, Permission.DELETE);
            policy.check(principal, target, Permission.WRITE);
            Resolved source = authorize(principal, path, Permission.DELETE, false);
            Resolved destination = authorize(principal, target, Permission.WRITE, false);
            return operations.move(source, destination, move.replaceExisting());
        }
        throw new IllegalStateException("unknown operation " + op.getClass().getName());
    }

    /** Rules on the requested path, then the sandbox, then the rules on the real path if it differs. */
    private Resolved authorize(String principal, RelativePath path, Permission permission, boolean followFinal)
            throws FsFailure {
        policy.check(principal, path, permission);
        Resolved resolved = sandbox.resolve(path, followFinal);
        if (!resolved.canonical().equals(path)) {
            policy.check(principal, resolved.canonical(), permission);
        }
        operations.probe("checked", resolved.canonical());
        return resolved;
    }

    private static String shown(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() <= AuditEvent.MAX_SHOWN_PATH ? raw : raw.substring(0, AuditEvent.MAX_SHOWN_PATH);
    }

    private static String outcome(FileSystemResult result) {
        return result instanceof FileSystemResult.Failure f ? f.kind().name() : AuditEvent.OK;
    }

    private static long bytes(FileSystemResult result) {
        if (result instanceof FileSystemResult.Content content) {
            return content.size();
        }
        if (result instanceof FileSystemResult.Written written) {
            return written.bytes();
        }
        return 0;
    }
}
