package dev.rt.bench.remote;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** A nats-server (OS package, or {@code NATS_SERVER_BIN}) on a free loopback port for one benchmark trial. */
final class NatsServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    NatsServerProcess() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path store = Files.createTempDirectory("rt-bench-nats");
        process = new ProcessBuilder(binary(), "-a", "127.0.0.1", "-p", String.valueOf(port), "-js", "-sd",
                store.toString()).redirectErrorStream(true).redirectOutput(store.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(20_000_000); // polling a child process's start, not a measurement
            }
        }
        throw new IllegalStateException("nats-server did not start");
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
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
