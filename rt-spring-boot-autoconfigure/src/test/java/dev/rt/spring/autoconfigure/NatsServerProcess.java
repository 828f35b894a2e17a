package dev.rt.spring.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A nats-server with JetStream on a free loopback port, from the OS packages (installed by {@code .ci/run})
 * or {@code NATS_SERVER_BIN}. rt-remote-nats's own tests prefer a container when Docker is available.
 */
final class NatsServerProcess implements AutoCloseable {

    private final Process process;
    private final Path store;
    private final int port;

    private NatsServerProcess(Process process, Path store, int port) {
        this.process = process;
        this.store = store;
        this.port = port;
    }

    static NatsServerProcess start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path store = Files.createTempDirectory("rt-nats-spring");
        File log = store.resolve("server.log").toFile();
        Process process = new ProcessBuilder(binary(), "-a", "127.0.0.1", "-p", String.valueOf(port), "-js",
                "-sd", store.toString()).redirectErrorStream(true).redirectOutput(log).start();
        NatsServerProcess server = new NatsServerProcess(process, store, port);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited: " + Files.readString(log.toPath()));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return Files.readString(log.toPath()).contains("Server is ready");
            } catch (IOException notYet) {
                return false;
            }
        });
        return server;
    }

    String url() {
        return "nats://127.0.0.1:" + port;
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

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try (var files = Files.walk(store)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
