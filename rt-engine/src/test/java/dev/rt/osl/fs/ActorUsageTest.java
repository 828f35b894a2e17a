package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.await;
import static dev.rt.osl.fs.OslFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.Actor;
import dev.rt.ActorContext;
import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.AskTimeoutException;
import dev.rt.SupervisionStrategy;
import dev.rt.SupervisorSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as actors use it, and its runtime shape: supervisor, dispatcher, counters. */
class ActorUsageTest {

    @TempDir
    Path temp;

    /** The protocol of an application actor that reads files through the service (as in the Javadoc). */
    sealed interface Cmd {
        record Load(String path) implements Cmd {
        }

        record FsReply(FileSystemResponse response) implements Cmd {
        }
    }

    /** Sends read requests with a message adapter as {@code replyTo} and correlates replies by id. */
    static final class Loader implements Actor<Cmd> {
        private final ActorRef<FileSystemRequest> files;
        private final Map<String, String> outcomes;
        private final Map<Long, String> pending = new HashMap<>();
        private long nextId;

        Loader(ActorRef<FileSystemRequest> files, Map<String, String> outcomes) {
            this.files = files;
            this.outcomes = outcomes;
        }

        @Override
        public void onMessage(Cmd cmd, ActorContext<Cmd> ctx) {
            if (cmd instanceof Cmd.Load load) {
                ActorRef<FileSystemResponse> replyTo = ctx.messageAdapter(FileSystemResponse.class, Cmd.FsReply::new);
                long id = ++nextId;
                pending.put(id, load.path());
                files.tell(new FileSystemRequest(FileSystemOperation.read(load.path()), replyTo, id, "loader"));
            } else if (cmd instanceof Cmd.FsReply reply) {
                String path = pending.remove(reply.response().requestId());
                FileSystemResult result = reply.response().result();
                if (result instanceof FileSystemResult.Content content) {
                    outcomes.put(path, new String(content.data(), StandardCharsets.UTF_8));
                } else if (result instanceof FileSystemResult.Failure failure) {
                    outcomes.put(path, failure.kind().name());
                }
            }
        }
    }

    @Test
    void anActorRequestsWithAMessageAdapterAndCorrelatesById() {
        try (OslFixture fs = OslFixture.start(temp)) {
            for (int i = 0; i < 20; i++) {
                fs.file("f" + i + ".txt", "content " + i);
            }
            Map<String, String> outcomes = new ConcurrentHashMap<>();
            ActorRef<Cmd> loader = fs.system.spawn("loader", () -> new Loader(fs.osl.requests(), outcomes));
            for (int i = 0; i < 20; i++) {
                loader.tell(new Cmd.Load("f" + i + ".txt"));
            }
            loader.tell(new Cmd.Load("missing.txt"));
            loader.tell(new Cmd.Load("../etc/passwd"));
            OslFixture.eventually().until(() -> outcomes.size() == 22);
            for (int i = 0; i < 20; i++) {
                assertThat(outcomes).containsEntry("f" + i + ".txt", "content " + i);
            }
            assertThat(outcomes).containsEntry("missing.txt", "NOT_FOUND").containsEntry("../etc/passwd", "OUTSIDE_ROOT");
        }
    }

    @Test
    void runsAsAOneForOnePoolOnTheBlockingDispatcherUnderTheOslSupervisor() {
        try (OslFixture fs = OslFixture.start(temp, b -> b.poolSize(3))) {
            assertThat(fs.system.supervisor("/user/osl")).containsSame(fs.osl.supervisor());
            SupervisorSnapshot snapshot = fs.osl.supervisor().snapshot();
            assertThat(snapshot.strategy()).isEqualTo(SupervisionStrategy.ONE_FOR_ONE);
            assertThat(snapshot.children()).extracting(SupervisorSnapshot.Child::name)
                    .containsExactly("worker-0", "worker-1", "worker-2", "router");
            Map<String, String> threads = new ConcurrentHashMap<>();
            fs.audit.also = e -> threads.put(e.path(), Thread.currentThread().getName());
            for (int i = 0; i < 12; i++) {
                fs.run(new FileSystemOperation.Stat("p" + i));
            }
            OslFixture.eventually().until(() -> threads.size() == 12);
            assertThat(threads.values()).allMatch(name -> name.contains("-" + ActorSystem.BLOCKING_DISPATCHER + "-"));
            assertThat(fs.osl.requests().address().toString()).contains("/user/osl/router");
        }
    }

    @Test
    void serviceWithAnotherNameRunsBesideTheFirst(@TempDir Path other) throws Exception {
        try (OslFixture fs = OslFixture.start(temp)) {
            Path secondRoot = Files.createDirectories(other.resolve("second"));
            OslFileSystem second = OslFileSystem.start(fs.system, OslFileSystemConfig.builder(secondRoot).name("osl-2").build());
            await(second.client("t").write("only-here.txt", bytes("2")));
            assertThat(secondRoot.resolve("only-here.txt")).hasContent("2");
            assertThat(fs.root.resolve("only-here.txt")).doesNotExist();
            assertThat(fs.system.supervisor("/user/osl-2")).isPresent();
            second.close();
            OslFixture.eventually().until(() -> fs.system.supervisor("/user/osl-2").isEmpty());
        }
    }

    @Test
    void startRefusesAMissingRoot() {
        try (ActorSystem system = ActorSystem.create("osl-missing-root")) {
            assertThatThrownBy(() -> OslFileSystem.start(system,
                    OslFileSystemConfig.builder(temp.resolve("does-not-exist")).build()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void countersTrackOperationsBytesDenialsAndLatency() {
        try (OslFixture fs = OslFixture.start(temp, b -> b.rule(AccessRule.deny("*", "private/**"))
                .rule(AccessRule.allow("*", "**", Permission.READ, Permission.WRITE, Permission.LIST)))) {
            fs.run(new FileSystemOperation.Write("a.txt", bytes("hello")));
            fs.run(FileSystemOperation.read("a.txt"));
            fs.run(FileSystemOperation.read("a.txt", 1, 2));
            fs.run(FileSystemOperation.read("missing"));
            fs.run(FileSystemOperation.read("private/x"));
            fs.run(FileSystemOperation.read("../x"));
            FileSystemStats stats = fs.osl.stats();
            assertThat(stats.operations()).isEqualTo(6);
            assertThat(stats.operations(OperationKind.READ)).isEqualTo(5);
            assertThat(stats.succeeded(OperationKind.READ)).isEqualTo(2);
            assertThat(stats.succeeded(OperationKind.WRITE)).isEqualTo(1);
            assertThat(stats.failed(OperationKind.READ, ErrorKind.NOT_FOUND)).isEqualTo(1);
            assertThat(stats.failed(OperationKind.READ, ErrorKind.ACCESS_DENIED)).isEqualTo(1);
            assertThat(stats.failed(ErrorKind.OUTSIDE_ROOT)).isEqualTo(1);
            assertThat(stats.bytesWritten()).isEqualTo(5);
            assertThat(stats.bytesRead()).isEqualTo(7);
            assertThat(stats.denials()).isEqualTo(1);
            assertThat(stats.refusals()).isEqualTo(1);
            assertThat(stats.latencyCount()).isEqualTo(6);
            assertThat(stats.latencyMaxNanos()).isPositive().isLessThanOrEqualTo(stats.latencyTotalNanos());
            assertThat(stats.auditFailures()).isZero();
            assertThat(stats.toString()).contains("operations=6");
        }
    }

    @Test
    void aClientTimesOutWhenNoReplyComes() throws Exception {
        try (OslFixture fs = OslFixture.start(temp, b -> b.poolSize(1))) {
            CountDownLatch release = new CountDownLatch(1);
            fs.audit.also = e -> {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            };
            await(fs.client.stat("."));                                  // the only worker now holds
            FileSystemClient impatient = fs.client.withTimeout(Duration.ofMillis(200));
            assertThat(impatient.timeout()).isEqualTo(Duration.ofMillis(200));
            assertThatThrownBy(() -> impatient.stat(".").get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AskTimeoutException.class);
            release.countDown();
            fs.audit.also = e -> { };
            assertThat(OslFixture.kindOf(fs.run(new FileSystemOperation.Stat(".")))).isNull();
        }
    }
}
