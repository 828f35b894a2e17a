package dev.rt.osl.fs;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.SupervisionStrategy;
import dev.rt.Supervisor;
import dev.rt.SupervisorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running OSL file service: a sandboxed, audited file store behind messages (ADR-RT-008).
 *
 * <p>{@link #start} puts a supervisor (one-for-one, named {@code osl} unless configured) under
 * {@code /user} with a pool of worker actors on the blocking dispatcher and a front router that sends
 * each request to a worker by a consistent hash of its normalised path: operations on one path run in
 * the order they were sent, operations on different paths in parallel. Send {@link FileSystemRequest}s
 * to {@link #requests()} from actors, or use a {@link FileSystemClient} from other code.
 *
 * <h2>Security model</h2>
 * Every path is hostile until checked:
 * <ul>
 *   <li>lexically: absolute paths and {@code ..} that climb above the root are {@code OUTSIDE_ROOT};
 *       empty paths, NUL, backslashes (not a separator, refused), invalid Unicode, names over 255 bytes and
 *       paths over 4096 bytes are {@code INVALID_PATH}; percent-encoding and the like are literal names;</li>
 *   <li>on the real file system: every name on the path is looked at without following links, and a
 *       symbolic link anywhere (in the middle, at the end, or as the parent of a file to create) that
 *       leads outside the root is {@code OUTSIDE_ROOT}; links that stay inside are resolved;</li>
 *   <li>at the time of use: files are opened, created, renamed and deleted only relative to directories
 *       opened one name at a time from the root with {@code O_NOFOLLOW} ({@code openat}), so a link
 *       swapped in after the check makes the operation fail instead of escaping; a directory moved out of
 *       the root while a write is in it is detected afterwards;</li>
 *   <li>access rules: ordered, first match decides, deny by default once any rule exists, allow all
 *       inside the root when there are none ({@link AccessRule}); a read-only switch; a maximum file
 *       size for reads and writes;</li>
 *   <li>every request emits one {@link AuditEvent}; failure messages never name anything outside the
 *       root.</li>
 * </ul>
 * Needs a platform with {@link java.nio.file.SecureDirectoryStream} (Linux, other Unix systems). Hard links
 * and mount points inside the root are taken as they are.
 *
 * <pre>{@code
 * try (ActorSystem system = ActorSystem.create("app")) {
 *     OslFileSystem osl = OslFileSystem.start(system, OslFileSystemConfig.builder(Path.of("/srv/data"))
 *             .rule(AccessRule.allow("reports", "reports/**", Permission.READ, Permission.WRITE, Permission.LIST))
 *             .rule(AccessRule.allow("*", "public/**", Permission.READ, Permission.LIST))
 *             .maxFileSize(8 << 20)
 *             .build());
 *     byte[] data = osl.client("reports").read("reports/today.csv").join().data();
 * }
 * }</pre>
 */
public final class OslFileSystem implements AutoCloseable {

    /** How long {@link #start} waits for the workers to be up. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final ActorSystem system;
    private final OslFileSystemConfig config;
    private final Path root;
    private final Supervisor supervisor;
    private final ActorRef<FileSystemRequest> requests;
    private final FileSystemStats stats;

    private OslFileSystem(ActorSystem system, OslFileSystemConfig config, Path root, Supervisor supervisor,
            ActorRef<FileSystemRequest> requests, FileSystemStats stats) {
        this.system = system;
        this.config = config;
        this.root = root;
        this.supervisor = supervisor;
        this.requests = requests;
        this.stats = stats;
    }

    /**
     * Starts the service and waits until its actors are up.
     *
     * @param system the actor system
     * @param config the configuration
     * @return the running service
     * @throws IllegalArgumentException if the root is not an existing directory
     * @throws UnsupportedOperationException if the platform cannot open files relative to a directory
     * @throws IllegalStateException if the actors did not start
     */
    public static OslFileSystem start(ActorSystem system, OslFileSystemConfig config) {
        Path root = realRoot(config.root());
        FileSystemStats stats = new FileSystemStats();
        FileSystemService service = new FileSystemService(root, config, stats);
        Auditor auditor = new Auditor(config.auditListener(), stats);
        PathRouting routing = new PathRouting(config.poolSize());
        SupervisorSpec.Builder spec = SupervisorSpec.builder(config.name()).strategy(SupervisionStrategy.ONE_FOR_ONE);
        routing.addChildren(spec, () -> new FileSystemWorker(service, auditor));
        Supervisor supervisor = system.supervise(spec.build());
        routing.attach(supervisor);
        try {
            supervisor.whenStarted().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            supervisor.stop();
            throw new IllegalStateException("interrupted while starting the file service", e);
        } catch (ExecutionException | TimeoutException e) {
            supervisor.stop();
            throw new IllegalStateException("the file service did not start", e);
        }
        return new OslFileSystem(system, config, root, supervisor, routing.front(), stats);
    }

    private static Path realRoot(Path configured) {
        Path root;
        try {
            root = configured.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("the OSL root does not exist: " + configured, e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("the OSL root is not a directory: " + configured);
        }
        try {
            if (!DirHandle.supported(root)) {
                throw new UnsupportedOperationException("the OSL file service needs secure directory streams "
                        + "(openat), which this platform does not offer");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the OSL root cannot be opened: " + configured, e);
        }
        return root;
    }

    /** @return the ref to send {@link FileSystemRequest}s to */
    public ActorRef<FileSystemRequest> requests() {
        return requests;
    }

    /**
     * @param principal who the requests are made for
     * @return a client with the actor system's ask timeout
     */
    public FileSystemClient client(String principal) {
        return new FileSystemClient(requests, principal, system.askTimeout());
    }

    /**
     * @param principal who the requests are made for
     * @param timeout how long each call waits
     * @return a client
     */
    public FileSystemClient client(String principal, Duration timeout) {
        return new FileSystemClient(requests, principal, timeout);
    }

    /** @return the live counters */
    public FileSystemStats stats() {
        return stats;
    }

    /** @return the supervisor the workers run under */
    public Supervisor supervisor() {
        return supervisor;
    }

    /** @return the root, as a real path */
    public Path root() {
        return root;
    }

    /** @return the configuration it was started with */
    public OslFileSystemConfig config() {
        return config;
    }

    /** Stops the service: its supervisor and actors. Requests still queued become dead letters. */
    @Override
    public void close() {
        supervisor.stop();
    }

    @Override
    public String toString() {
        return "OslFileSystem[" + supervisor.path() + ", root=" + root + ", workers=" + config.poolSize() + "]";
    }
}
