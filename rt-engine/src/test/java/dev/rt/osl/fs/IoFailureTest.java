package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rt.osl.fs.FileSystemOperation.Append;
import dev.rt.osl.fs.FileSystemOperation.CreateDirectory;
import dev.rt.osl.fs.FileSystemOperation.DeleteFile;
import dev.rt.osl.fs.FileSystemOperation.ListDirectory;
import dev.rt.osl.fs.FileSystemOperation.Write;
import dev.rt.SupervisorSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of the operating system become typed errors and the one worker (pool of one) goes on
 * serving. Tests may run as root, where file permissions do not apply: then an immutable directory
 * ({@code chattr +i}) provides the failure instead of an unreadable file.
 */
class IoFailureTest {

    @TempDir
    Path temp;

    private OslFixture fs;

    @BeforeEach
    void setUp() {
        fs = OslFixture.start(temp, b -> b.poolSize(1));
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    @Test
    void unexpectedFileTypesAreTypedErrorsAndTheWorkerKeepsServing() {
        fs.file("dir/inner.txt", "x");
        fs.file("file.txt", "ok");
        assertThat(fs.kindOf(FileSystemOperation.read("dir"))).isEqualTo(ErrorKind.NOT_A_FILE);
        assertThat(fs.kindOf(new Write("dir", bytes("x")))).isEqualTo(ErrorKind.NOT_A_FILE);
        assertThat(fs.kindOf(new Append("dir", bytes("x")))).isEqualTo(ErrorKind.NOT_A_FILE);
        assertThat(fs.kindOf(new ListDirectory("file.txt"))).isEqualTo(ErrorKind.NOT_A_DIRECTORY);
        assertThat(fs.kindOf(new Write("file.txt/below", bytes("x")))).isEqualTo(ErrorKind.NOT_A_DIRECTORY);
        assertStillServing();
    }

    @Test
    void anOperatingSystemFailureIsAnIoErrorAndTheWorkerKeepsServing() throws Exception {
        Path file = fs.file("locked/secret.txt", "secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        try {
            if (!readable(file)) {
                FileSystemResult.Failure failure = (FileSystemResult.Failure) fs.run(FileSystemOperation.read("locked/secret.txt"));
                assertThat(failure.kind()).isEqualTo(ErrorKind.IO_ERROR);
                assertThat(failure.message()).contains("permission denied").doesNotContain(fs.root.toString());
                assertAudited("locked/secret.txt", "IO_ERROR");
                assertStillServing();
                return;
            }
        } finally {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        // running as root: permissions do not stop us; make the directory immutable instead
        Path locked = fs.root.resolve("locked");
        assumeThat(chattr("+i", locked))
                .as("running as root without chattr +i support: no way to make the OS fail an operation here")
                .isTrue();
        try {
            FileSystemResult.Failure write = (FileSystemResult.Failure) fs.run(new Write("locked/new.txt", bytes("x")));
            assertThat(write.kind()).isEqualTo(ErrorKind.IO_ERROR);
            assertThat(write.message()).contains("Operation not permitted").doesNotContain(fs.root.toString());
            assertThat(fs.kindOf(new DeleteFile("locked/secret.txt"))).isEqualTo(ErrorKind.IO_ERROR);
            assertThat(fs.kindOf(new CreateDirectory("locked/sub", false))).isEqualTo(ErrorKind.IO_ERROR);
            assertAudited("locked/new.txt", "IO_ERROR");
            assertThat(fs.osl.stats().failed(ErrorKind.IO_ERROR)).isEqualTo(3);
        } finally {
            chattr("-i", locked);
        }
        assertThat(OslFixture.tree(fs.root)).containsExactly("locked", "locked/secret.txt");
        fs.assertNoTemporaries();
        assertStillServing();
    }

    private void assertStillServing() {
        assertThat(OslFixture.kindOf(fs.run(new Write("after.txt", bytes("after"))))).isNull();
        assertThat(OslFixture.text(fs.run(FileSystemOperation.read("after.txt")))).isEqualTo("after");
        SupervisorSnapshot snapshot = fs.osl.supervisor().snapshot();
        assertThat(snapshot.restartsInWindow()).isZero();
        assertThat(snapshot.children()).allMatch(c -> c.restarts() == 0);
        assertThat(snapshot.lastFailure()).isNull();
    }

    private void assertAudited(String path, String outcome) {
        AuditEvent event = fs.awaitEvent(e -> e.path().equals(path) && e.outcome().equals(outcome));
        assertThat(event.decision()).isEqualTo(Decision.ALLOW);
    }

    private static boolean readable(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            in.read();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean chattr(String flag, Path path) {
        try {
            Process process = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
