package dev.rt.spring.autoconfigure;

import static dev.rt.spring.autoconfigure.TestActors.WAIT;
import static dev.rt.spring.autoconfigure.TestActors.analyze;
import static dev.rt.spring.autoconfigure.TestActors.eventually;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorRef;
import dev.rt.ActorSystem;
import dev.rt.osl.fs.AuditEvent;
import dev.rt.osl.fs.AuditListener;
import dev.rt.osl.fs.ErrorKind;
import dev.rt.osl.fs.FileOperationException;
import dev.rt.osl.fs.FileSystemClient;
import dev.rt.osl.fs.FileSystemOperation;
import dev.rt.osl.fs.FileSystemRequest;
import dev.rt.osl.fs.FileSystemResponse;
import dev.rt.osl.fs.OslFileSystem;
import dev.rt.spring.health.RtHealthContributor;
import dev.rt.spring.osl.OslFileSystemLifecycle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OSL file service as beans when {@code rt.osl.filesystem.enabled=true}. */
class RtOslAutoConfigurationTests {

    @TempDir
    Path root;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class, RtOslAutoConfiguration.class));

    private ApplicationContextRunner enabled() {
        return runner.withPropertyValues("rt.osl.filesystem.enabled=true", "rt.osl.filesystem.root=" + root);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ErrorKind failureOf(CompletableFuture<?> future) throws Exception {
        try {
            Object result = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected the operation to fail, but it returned " + result);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(FileOperationException.class);
            return ((FileOperationException) e.getCause()).kind();
        }
    }

    @Test
    void offByDefault() {
        runner.withPropertyValues("rt.osl.filesystem.root=" + root).run(context -> {
            assertThat(context).hasSingleBean(ActorSystem.class).doesNotHaveBean(OslFileSystemLifecycle.class)
                    .doesNotHaveBean(FileSystemClient.class).doesNotHaveBean("rtOslFileSystemRequests");
            assertThat(context.getBean(ActorSystem.class).supervisor("/user/osl")).isEmpty();
        });
    }

    @Test
    void theClientWritesAndReadsFilesUnderTheRoot() {
        enabled().withUserConfiguration(RequestsClient.class).run(context -> {
            assertThat(context).hasSingleBean(OslFileSystemLifecycle.class).hasSingleBean(FileSystemClient.class);
            FileSystemClient files = context.getBean(FileSystemClient.class);
            assertThat(files.principal()).isEqualTo("application");
            assertThat(files.timeout()).isEqualTo(Duration.ofSeconds(5));

            assertThat(await(files.write("today.txt", "hello".getBytes(UTF_8))).bytes()).isEqualTo(5);
            assertThat(Files.readString(root.resolve("today.txt"))).isEqualTo("hello");
            assertThat(new String(await(files.read("today.txt")).data(), UTF_8)).isEqualTo("hello");
            assertThat(failureOf(files.read("../escape.txt"))).isEqualTo(ErrorKind.OUTSIDE_ROOT);

            ActorSystem system = context.getBean(ActorSystem.class);
            assertThat(system.supervisor("/user/osl")).isPresent();
            OslFileSystem service = context.getBean(OslFileSystemLifecycle.class).fileSystem();
            assertThat(service.root()).isEqualTo(root.toRealPath());

            ActorRef<FileSystemRequest> requests = context.getBean(RequestsClient.class).requests;
            assertThat(requests).isSameAs(context.getBean("rtOslFileSystemRequests"));
            FileSystemResponse response = await(requests.<FileSystemResponse>ask(replyTo -> new FileSystemRequest(
                    new FileSystemOperation.Stat("today.txt"), replyTo, 42, "application")));
            assertThat(response.requestId()).isEqualTo(42);
            assertThat(response.result().isSuccess()).isTrue();
        });
    }

    @Test
    void rulesReadOnlyAndSizeLimitApply() {
        enabled().withPropertyValues("rt.osl.filesystem.rules[0].principal=application",
                "rt.osl.filesystem.rules[0].path=public/**", "rt.osl.filesystem.rules[0].permissions=read,write,list",
                "rt.osl.filesystem.max-file-size=4B").run(context -> {
                    FileSystemClient files = context.getBean(FileSystemClient.class);
                    await(files.mkdirs("public"));
                    assertThat(await(files.write("public/a.txt", "abcd".getBytes(UTF_8))).bytes()).isEqualTo(4);
                    assertThat(failureOf(files.write("public/b.txt", "abcde".getBytes(UTF_8))))
                            .isEqualTo(ErrorKind.TOO_LARGE);
                    assertThat(failureOf(files.write("private.txt", "x".getBytes(UTF_8))))
                            .isEqualTo(ErrorKind.ACCESS_DENIED);
                    assertThat(failureOf(files.withPrincipal("someone").read("public/a.txt")))
                            .isEqualTo(ErrorKind.ACCESS_DENIED);
                });
        enabled().withPropertyValues("rt.osl.filesystem.read-only=true").run(context -> {
            Files.writeString(root.resolve("existing.txt"), "kept");
            FileSystemClient files = context.getBean(FileSystemClient.class);
            assertThat(new String(await(files.read("existing.txt")).data(), UTF_8)).isEqualTo("kept");
            assertThat(failureOf(files.write("existing.txt", "x".getBytes(UTF_8)))).isEqualTo(ErrorKind.READ_ONLY);
            assertThat(Files.readString(root.resolve("existing.txt"))).isEqualTo("kept");
        });
    }

    @Test
    void theClientTakesItsPrincipalAndTimeoutFromTheProperties() {
        enabled().withPropertyValues("rt.osl.filesystem.client.principal=reports",
                "rt.osl.filesystem.client.timeout=3s", "rt.osl.filesystem.pool-size=2").run(context -> {
                    FileSystemClient files = context.getBean(FileSystemClient.class);
                    assertThat(files.principal()).isEqualTo("reports");
                    assertThat(files.timeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(context.getBean(OslFileSystemLifecycle.class).config().poolSize()).isEqualTo(2);
                });
    }

    @Test
    void aUserClientWinsAndAnAuditListenerBeanHearsEveryRequest() {
        enabled().withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context).hasSingleBean(FileSystemClient.class);
            FileSystemClient files = context.getBean(FileSystemClient.class);
            assertThat(files.principal()).isEqualTo("mine");
            await(files.write("a.txt", "a".getBytes(UTF_8)));
            List<AuditEvent> events = context.getBean(UserBeans.class).events;
            eventually().until(() -> events.size() == 1);
        });
    }

    @Test
    void theServiceShowsInHealthAsATopLevelSupervisor() {
        enabled().withConfiguration(AutoConfigurations.of(RtHealthContributorAutoConfiguration.class))
                .withPropertyValues("rt.osl.filesystem.pool-size=2").run(context -> {
                    RtHealthContributor rt = context.getBean(RtHealthContributor.class);
                    assertThat(rt.stream().map(HealthContributors.Entry::name)).containsExactly("osl");
                    HealthIndicator osl = (HealthIndicator) rt.getContributor("osl");
                    assertThat(osl.health().getStatus()).isEqualTo(Status.UP);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> children = (Map<String, Object>) osl.health().getDetails().get("children");
                    assertThat(children).containsOnlyKeys("worker-0", "worker-1", "router");
                });
    }

    @Test
    void closingTheContextStopsTheService() {
        ActorSystem[] system = new ActorSystem[1];
        enabled().run(context -> system[0] = context.getBean(ActorSystem.class));
        assertThat(system[0].state()).isEqualTo(ActorSystem.State.TERMINATED);
    }

    @Test
    void aMissingRootFailsStartup() {
        Path missing = root.resolve("missing");
        assertFailure(List.of("rt.osl.filesystem.root=" + missing),
                "rt.osl.filesystem.root = '" + missing + "': the directory does not exist",
                "rt.osl.filesystem.create-root=true");
    }

    @Test
    void createRootMakesAMissingRootWithItsParents() {
        Path missing = root.resolve("data/documents");
        runner.withPropertyValues("rt.osl.filesystem.enabled=true", "rt.osl.filesystem.root=" + missing,
                "rt.osl.filesystem.create-root=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(missing).isDirectory();
                    await(context.getBean(FileSystemClient.class).write("a.txt", "made".getBytes(UTF_8)));
                    assertThat(Files.readString(missing.resolve("a.txt"))).isEqualTo("made");
                });
    }

    @Test
    void createRootUnderAFileFailsStartup() throws Exception {
        Path file = Files.writeString(root.resolve("file.txt"), "x");
        Path below = file.resolve("documents");
        assertFailure(List.of("rt.osl.filesystem.root=" + below, "rt.osl.filesystem.create-root=true"),
                "rt.osl.filesystem.root = '" + below + "': the directory does not exist and could not be created",
                "Create the directory yourself");
    }

    @Test
    void aRootThatIsAFileFailsStartup() throws Exception {
        Path file = Files.writeString(root.resolve("file.txt"), "x");
        assertFailure(List.of("rt.osl.filesystem.root=" + file),
                "rt.osl.filesystem.root = '" + file + "': it is not a directory", "Set rt.osl.filesystem.root to a");
    }

    @Test
    void aRootTheApplicationCannotWriteFailsStartupUnlessReadOnly() throws Exception {
        Path locked = Files.createDirectory(root.resolve("locked"));
        assertThat(NonWritableDirectory.lock(locked))
                .as("neither permissions (non-root) nor chattr +i (root) could make %s non-writable", locked)
                .isTrue();
        try {
            assertFailure(List.of("rt.osl.filesystem.root=" + locked),
                    "rt.osl.filesystem.root = '" + locked + "': the application cannot write to the directory",
                    "rt.osl.filesystem.read-only=true");
            enabled().withPropertyValues("rt.osl.filesystem.root=" + locked, "rt.osl.filesystem.read-only=true")
                    .run(context -> assertThat(context).hasNotFailed().hasSingleBean(FileSystemClient.class));
        } finally {
            NonWritableDirectory.unlock(locked);
        }
    }

    @Test
    void noRootFailsStartup() {
        runner.withPropertyValues("rt.osl.filesystem.enabled=true").run(context -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("rt.osl.filesystem.root: no root directory is set");
            assertThat(analysis.getAction()).contains("rt.osl.filesystem.enabled=false");
        });
    }

    @Test
    void invalidRulesAndLimitsFailStartup() {
        assertFailure(List.of("rt.osl.filesystem.rules[0].principal=app", "rt.osl.filesystem.rules[0].path=/etc/**"),
                "rt.osl.filesystem.rules[0].path = '/etc/**'", "relative to the root");
        assertFailure(List.of("rt.osl.filesystem.rules[0].path=docs/**"),
                "rt.osl.filesystem.rules[0].principal: the rule names no principal", "* for everyone");
        assertFailure(List.of("rt.osl.filesystem.rules[0].principal=app", "rt.osl.filesystem.rules[0].path=docs/**",
                "rt.osl.filesystem.rules[0].permissions=read,fly"),
                "rt.osl.filesystem.rules[0].permissions", "read, write, delete, list");
        assertFailure(List.of("rt.osl.filesystem.pool-size=0"), "rt.osl.filesystem.pool-size = '0'",
                "a number from 1 to 256");
        assertFailure(List.of("rt.osl.filesystem.max-file-size=0B"), "rt.osl.filesystem.max-file-size = '0B'",
                "such as 512KB");
        assertFailure(List.of("rt.osl.filesystem.client.timeout=0s"), "rt.osl.filesystem.client.timeout",
                "positive duration");
        assertFailure(List.of("rt.supervisors.osl.max-restarts=1"),
                "rt.osl.filesystem.name = 'osl': /user/osl is already taken by supervisor 'osl'",
                "Set rt.osl.filesystem.name to another name");
    }

    private void assertFailure(List<String> properties, String description, String action) {
        enabled().withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains("Invalid rt configuration").contains(description);
            assertThat(analysis.getAction()).contains(action);
        });
    }

    static class RequestsClient {
        final ActorRef<FileSystemRequest> requests;

        RequestsClient(ActorRef<FileSystemRequest> requests) {
            this.requests = requests;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();

        @Bean
        FileSystemClient myFileSystemClient(OslFileSystemLifecycle osl) {
            return osl.client("mine", Duration.ofSeconds(10));
        }

        @Bean
        AuditListener auditListener() {
            return events::add;
        }
    }
}
