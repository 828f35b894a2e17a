package dev.rt.osl.fs;

import dev.rt.ActorRef;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CompletableFuture} façade over the file service for code that is not an actor (controllers,
 * tests). Each call is an {@code ask} with this client's principal and timeout. A future completes with
 * the typed success result; it fails with {@link FileOperationException} (carrying the
 * {@link ErrorKind}) when the operation failed, or with {@link dev.rt.AskTimeoutException} when no reply
 * came in time. Immutable and thread-safe.
 *
 * <pre>{@code
 * FileSystemClient files = osl.client("reports", Duration.ofSeconds(2));
 * files.write("daily/2025-10-14.csv", bytes)
 *      .thenCompose(w -> files.read("daily/2025-10-14.csv"))
 *      .thenAccept(content -> use(content.data()));
 * }</pre>
 */
public final class FileSystemClient {

    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private final ActorRef<FileSystemRequest> service;
    private final String principal;
    private final Duration timeout;

    /**
     * @param service the service's request ref ({@link OslFileSystem#requests()})
     * @param principal who the requests are made for
     * @param timeout how long to wait for each reply, positive
     */
    public FileSystemClient(ActorRef<FileSystemRequest> service, String principal, Duration timeout) {
        this.service = Objects.requireNonNull(service, "service");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** @return who the requests are made for */
    public String principal() {
        return principal;
    }

    /** @return how long each call waits for its reply */
    public Duration timeout() {
        return timeout;
    }

    /**
     * @param other another principal
     * @return a client like this one for {@code other}
     */
    public FileSystemClient withPrincipal(String other) {
        return new FileSystemClient(service, other, timeout);
    }

    /**
     * @param other another timeout, positive
     * @return a client like this one with {@code other}
     */
    public FileSystemClient withTimeout(Duration other) {
        return new FileSystemClient(service, principal, other);
    }

    /**
     * Sends any operation and returns its result, success or {@link FileSystemResult.Failure}.
     *
     * @param operation the operation
     * @return the result; fails only on timeout
     */
    public CompletableFuture<FileSystemResult> execute(FileSystemOperation operation) {
        Objects.requireNonNull(operation, "operation");
        long id = REQUEST_IDS.incrementAndGet();
        CompletableFuture<FileSystemResponse> reply = service.ask(
                replyTo -> new FileSystemRequest(operation, replyTo, id, principal), timeout);
        return reply.thenApply(FileSystemResponse::result);
    }

    /**
     * @param path the file
     * @return its whole content
     */
    public CompletableFuture<FileSystemResult.Content> read(String path) {
        return expect(FileSystemOperation.read(path), FileSystemResult.Content.class);
    }

    /**
     * @param path the file
     * @param offset the first byte
     * @param length at most this many bytes, or {@link FileSystemOperation.Read#TO_END}
     * @return that range
     */
    public CompletableFuture<FileSystemResult.Content> read(String path, long offset, long length) {
        return expect(FileSystemOperation.read(path, offset, length), FileSystemResult.Content.class);
    }

    /**
     * @param path the file, created or replaced atomically
     * @param data the new content
     * @return how much was written
     */
    public CompletableFuture<FileSystemResult.Written> write(String path, byte[] data) {
        return expect(new FileSystemOperation.Write(path, data), FileSystemResult.Written.class);
    }

    /**
     * @param path the file, created if missing
     * @param data what to append
     * @return how much was written and the new size
     */
    public CompletableFuture<FileSystemResult.Written> append(String path, byte[] data) {
        return expect(new FileSystemOperation.Append(path, data), FileSystemResult.Written.class);
    }

    /**
     * @param path the file or symbolic link to delete
     * @return done
     */
    public CompletableFuture<FileSystemResult.Done> delete(String path) {
        return expect(new FileSystemOperation.DeleteFile(path), FileSystemResult.Done.class);
    }

    /**
     * @param path the directory
     * @return its entries
     */
    public CompletableFuture<FileSystemResult.Listing> list(String path) {
        return expect(new FileSystemOperation.ListDirectory(path), FileSystemResult.Listing.class);
    }

    /**
     * @param path the directory, created with its missing parents
     * @return how many directories were created
     */
    public CompletableFuture<FileSystemResult.Done> mkdirs(String path) {
        return expect(new FileSystemOperation.CreateDirectory(path, true), FileSystemResult.Done.class);
    }

    /**
     * @param path the directory; its parent must exist and it must not
     * @return done
     */
    public CompletableFuture<FileSystemResult.Done> mkdir(String path) {
        return expect(new FileSystemOperation.CreateDirectory(path, false), FileSystemResult.Done.class);
    }

    /**
     * @param path the directory
     * @param recursive whether its content goes too
     * @return how many entries were deleted, the directory included
     */
    public CompletableFuture<FileSystemResult.Done> deleteDirectory(String path, boolean recursive) {
        return expect(new FileSystemOperation.DeleteDirectory(path, recursive), FileSystemResult.Done.class);
    }

    /**
     * @param path a file or directory
     * @return its metadata
     */
    public CompletableFuture<FileSystemResult.Metadata> stat(String path) {
        return expect(new FileSystemOperation.Stat(path), FileSystemResult.Metadata.class);
    }

    /**
     * @param source what to move
     * @param target where to; must not exist
     * @return done
     */
    public CompletableFuture<FileSystemResult.Done> move(String source, String target) {
        return move(source, target, false);
    }

    /**
     * @param source what to move
     * @param target where to
     * @param replaceExisting whether an existing file at the target may be replaced
     * @return done
     */
    public CompletableFuture<FileSystemResult.Done> move(String source, String target, boolean replaceExisting) {
        return expect(new FileSystemOperation.Move(source, target, replaceExisting), FileSystemResult.Done.class);
    }

    private <T extends FileSystemResult> CompletableFuture<T> expect(FileSystemOperation operation, Class<T> type) {
        return execute(operation).thenApply(result -> {
            if (result instanceof FileSystemResult.Failure failure) {
                throw new FileOperationException(failure);
            }
            return type.cast(result);
        });
    }

    @Override
    public String toString() {
        return "FileSystemClient[" + principal + ", " + timeout + "]";
    }
}
