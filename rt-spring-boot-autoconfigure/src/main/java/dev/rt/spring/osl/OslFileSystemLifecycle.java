package dev.rt.spring.osl;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.osl.fs.FileSystemClient;
import dev.rt.osl.fs.FileSystemRequest;
import dev.rt.osl.fs.FileSystemStats;
import dev.rt.osl.fs.OslFileSystem;
import dev.rt.osl.fs.OslFileSystemConfig;
import dev.rt.spring.RtStartupException;
import dev.rt.spring.actor.ActorSystemLifecycle;
import java.time.Duration;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the OSL file service ({@link OslFileSystem}) with the application context. It starts just before
 * the declared supervision trees and actor beans, so they can use the file service from their first
 * message, and its supervisor ({@code /user/osl} unless renamed) is a top-level supervisor: health and
 * the {@code actors} endpoint show it like the others. The actor system's termination drains and stops
 * it when the context closes.
 */
public final class OslFileSystemLifecycle implements SmartLifecycle {

    /** Just before {@link ActorSystemLifecycle#PHASE}: starts before the actor beans, stops after them. */
    public static final int PHASE = ActorSystemLifecycle.PHASE - 1;

    private final ActorSystem system;
    private final OslFileSystemConfig config;
    private final FileSystemRequestsRef requests = new FileSystemRequestsRef();
    private volatile OslFileSystem fileSystem;
    private volatile boolean running;

    /**
     * @param system the actor system to run the service in
     * @param config the service's configuration, checked
     */
    public OslFileSystemLifecycle(ActorSystem system, OslFileSystemConfig config) {
        this.system = Objects.requireNonNull(system, "system");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** @return the configuration the service starts with */
    public OslFileSystemConfig config() {
        return config;
    }

    /** @return the ref to send {@link FileSystemRequest}s to; usable once the context has started */
    public ActorRef<FileSystemRequest> requests() {
        return requests;
    }

    /**
     * @param principal who the requests are made for
     * @param timeout how long each call waits for its reply
     * @return a client of the service; usable once the context has started
     */
    public FileSystemClient client(String principal, Duration timeout) {
        return new FileSystemClient(requests, principal, timeout);
    }

    /**
     * @return the running service
     * @throws IllegalStateException before the context has started it
     */
    public OslFileSystem fileSystem() {
        OslFileSystem started = fileSystem;
        if (started == null) {
            throw new IllegalStateException("the OSL file service is not running yet");
        }
        return started;
    }

    /** @return the service's counters, or {@code null} before it has started */
    public FileSystemStats stats() {
        OslFileSystem started = fileSystem;
        return started == null ? null : started.stats();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        OslFileSystem started;
        try {
            started = OslFileSystem.start(system, config);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new RtStartupException("The OSL file service could not start: " + e.getMessage(),
                    "Check rt.osl.filesystem.root (an existing directory the application can open) and "
                            + "rt.osl.filesystem.name (a supervisor name not used otherwise), or set "
                            + "rt.osl.filesystem.enabled=false to run without the file service.", e);
        }
        requests.bind(started.requests());
        fileSystem = started;
        running = true;
    }

    /**
     * Stops the service if the actor system still runs (it is stopped on its own); when the context
     * closes, the system's termination has already drained and stopped it.
     */
    @Override
    public synchronized void stop() {
        running = false;
        OslFileSystem started = fileSystem;
        ActorSystem.State state = system.state();
        if (started != null && (state == ActorSystem.State.RUNNING || state == ActorSystem.State.FAILED)) {
            started.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
