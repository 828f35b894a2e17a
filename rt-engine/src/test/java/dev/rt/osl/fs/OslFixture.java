package dev.rt.osl.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * A running file service for one test: an actor system, {@code <temp>/root} served by the service,
 * {@code <temp>/outside} next to it (where nothing may ever appear), a recording audit listener and a
 * client for principal {@code "tester"}.
 */
final class OslFixture implements AutoCloseable {

    /** Upper bound for anything a test waits for; generous for a loaded 2-core machine. */
    static final Duration LONG = Duration.ofSeconds(20);

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final AtomicLong REQUEST_IDS = new AtomicLong(1_000_000_000L);

    final ActorSystem system;
    final Path root;
    final Path outside;
    final Recorder audit = new Recorder();
    final OslFileSystem osl;
    final FileSystemClient client;

    private OslFixture(Path temp, UnaryOperator<OslFileSystemConfig.Builder> configure) {
        try {
            root = Files.createDirectories(temp.resolve("root")).toRealPath();
            outside = Files.createDirectories(temp.resolve("outside")).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        system = ActorSystem.builder("osl-test-" + NAMES.incrementAndGet()).build();
        OslFileSystemConfig config = configure.apply(OslFileSystemConfig.builder(root).auditListener(audit)).build();
        osl = OslFileSystem.start(system, config);
        client = osl.client("tester", LONG);
    }

    static OslFixture start(Path temp) {
        return new OslFixture(temp, b -> b);
    }

    static OslFixture start(Path temp, UnaryOperator<OslFileSystemConfig.Builder> configure) {
        return new OslFixture(temp, configure);
    }

    /** Runs an operation through the actors as {@code "tester"} and waits for its result. */
    FileSystemResult run(FileSystemOperation op) {
        return await(client.execute(op));
    }

    /** Runs an operation through the actors as {@code principal} and waits for its result. */
    FileSystemResult run(String principal, FileSystemOperation op) {
        return await(client.withPrincipal(principal).execute(op));
    }

    /**
     * Sends a raw {@link FileSystemRequest} with a fresh request id through {@code ask} and checks that the
     * response carries that id.
     */
    FileSystemResponse request(String principal, FileSystemOperation op) {
        long id = REQUEST_IDS.incrementAndGet();
        FileSystemResponse response = await(osl.requests().<FileSystemResponse>ask(
                replyTo -> new FileSystemRequest(op, replyTo, id, principal), LONG));
        assertThat(response.requestId()).isEqualTo(id);
        return response;
    }

    /** @return the audit event of a request, waiting for it (it is emitted after the reply) */
    AuditEvent eventFor(long requestId) {
        return awaitEvent(e -> e.requestId() == requestId);
    }

    /** @return the error kind of the operation, or {@code null} if it succeeded */
    ErrorKind kindOf(FileSystemOperation op) {
        return kindOf(run(op));
    }

    static ErrorKind kindOf(FileSystemResult result) {
        return result instanceof FileSystemResult.Failure f ? f.kind() : null;
    }

    /** Writes a file directly (not through the service). */
    Path file(String relative, String content) {
        try {
            Path path = root.resolve(relative);
            Files.createDirectories(path.getParent());
            return Files.writeString(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a directory directly. */
    Path dir(String relative) {
        try {
            return Files.createDirectories(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a symbolic link {@code root/relative -> target} directly. */
    Path link(String relative, Path target) {
        try {
            Path link = root.resolve(relative);
            Files.createDirectories(link.getParent());
            return Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every path below {@code dir}, relative to it, sorted */
    static List<String> tree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that no service temporary is left anywhere under the root. */
    void assertNoTemporaries() {
        assertThat(tree(root)).noneMatch(p -> p.contains(RelativePath.RESERVED_PREFIX));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(FileSystemResult result) {
        assertThat(result).isInstanceOf(FileSystemResult.Content.class);
        return new String(((FileSystemResult.Content) result).data(), StandardCharsets.UTF_8);
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no reply within " + LONG, e);
        }
    }

    /** @return the kind a client future failed with */
    static ErrorKind failureKind(CompletableFuture<?> future) {
        try {
            future.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(FileOperationException.class);
            return ((FileOperationException) e.getCause()).kind();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the future to fail");
    }

    static ConditionFactory eventually() {
        return Awaitility.await().atMost(LONG).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    /** Waits until an audit event matching {@code filter} was recorded, and returns it. */
    AuditEvent awaitEvent(Predicate<AuditEvent> filter) {
        return eventually().until(() -> audit.events.stream().filter(filter).findFirst().orElse(null),
                e -> e != null);
    }

    @Override
    public void close() {
        system.terminate(Duration.ofSeconds(10));
    }

    /** Records audit events; a test can add behaviour (blocking, throwing) through {@link #also}. */
    static final class Recorder implements AuditListener {
        final ConcurrentLinkedQueue<AuditEvent> events = new ConcurrentLinkedQueue<>();
        volatile AuditListener also = e -> { };

        @Override
        public void onEvent(AuditEvent event) {
            events.add(event);
            also.onEvent(event);
        }
    }
}
