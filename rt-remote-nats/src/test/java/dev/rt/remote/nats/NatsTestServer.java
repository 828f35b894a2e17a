package dev.rt.remote.nats;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A real nats-server with JetStream on a free loopback port for the tests: in a container when a Docker
 * engine is really available, otherwise the {@code nats-server} binary from the OS packages (what
 * {@code .ci/run} installs), or the one named by {@code NATS_SERVER_BIN}.
 */
final class NatsTestServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final GenericContainer<?> container;
    private final String url;
    private final int port;
    private final Path storeDir;

    private NatsTestServer(Process process, GenericContainer<?> container, String url, int port, Path storeDir) {
        this.process = process;
        this.container = container;
        this.url = url;
        this.port = port;
        this.storeDir = storeDir;
    }

    /** @return a single JetStream server: a container if Docker is available, else the binary */
    static NatsTestServer start() {
        if (dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("nats:2.10-alpine").withCommand("-js")
                    .withExposedPorts(4222);
            container.start();
            return new NatsTestServer(null, container,
                    "nats://" + container.getHost() + ":" + container.getMappedPort(4222), 0, null);
        }
        return startBinary(freePort(), List.of());
    }

    /**
     * @param port the client port
     * @param extraArgs cluster arguments and the like
     * @return a server process from the binary
     */
    static NatsTestServer startBinary(int port, List<String> extraArgs) {
        try {
            Path store = Files.createTempDirectory("rt-nats-js");
            List<String> command = new ArrayList<>(List.of(binary(), "-a", "127.0.0.1", "-p", String.valueOf(port),
                    "-js", "-sd", store.toString()));
            command.addAll(extraArgs);
            File log = store.resolve("server.log").toFile();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log).start();
            NatsTestServer server = new NatsTestServer(process, null, "nats://127.0.0.1:" + port, port, store);
            server.awaitListening(log);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nats-server; install it (apt-get install nats-server) "
                    + "or set NATS_SERVER_BIN", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return url;
    }

    int port() {
        return port;
    }

    boolean isContainer() {
        return container != null;
    }

    private void awaitListening(File log) {
        org.awaitility.Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited: " + Files.readString(log.toPath()));
            }
            if (!Files.readString(log.toPath()).contains("Server is ready")) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private static String binary() {
        String configured = System.getenv("NATS_SERVER_BIN");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String candidate : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return "nats-server";
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** Stops the server at once (SIGKILL for a process), as a crash would. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
        }
        kill();
        if (storeDir != null) {
            try (var files = Files.walk(storeDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory; left behind is harmless
            }
        }
    }
}
