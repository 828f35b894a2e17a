package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.await;
import static dev.rt.osl.fs.OslFixture.bytes;
import static dev.rt.osl.fs.OslFixture.failureKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.osl.fs.FileSystemOperation.Append;
import dev.rt.osl.fs.FileSystemOperation.CreateDirectory;
import dev.rt.osl.fs.FileSystemOperation.DeleteDirectory;
import dev.rt.osl.fs.FileSystemOperation.DeleteFile;
import dev.rt.osl.fs.FileSystemOperation.ListDirectory;
import dev.rt.osl.fs.FileSystemOperation.Move;
import dev.rt.osl.fs.FileSystemOperation.Stat;
import dev.rt.osl.fs.FileSystemOperation.Write;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only switch and the maximum file size. */
class ReadOnlyAndLimitsTest {

    @TempDir
    Path temp;

    @Test
    void readOnlyRefusesEveryChangeAndServesReads() {
        try (OslFixture fs = OslFixture.start(temp, b -> b.readOnly(true))) {
            fs.file("dir/a.txt", "a");
            List<String> before = OslFixture.tree(fs.root);
            List<FileSystemOperation> changes = List.of(new Write("dir/a.txt", bytes("x")), new Write("new.txt", bytes("x")),
                    new Append("dir/a.txt", bytes("x")), new DeleteFile("dir/a.txt"),
                    new CreateDirectory("made", true), new DeleteDirectory("dir", true),
                    new Move("dir/a.txt", "b.txt", false));
            for (FileSystemOperation op : changes) {
                assertThat(fs.kindOf(op)).as(op.toString()).isEqualTo(ErrorKind.READ_ONLY);
            }
            assertThat(OslFixture.tree(fs.root)).isEqualTo(before);
            assertThat(fs.kindOf(FileSystemOperation.read("dir/a.txt"))).isNull();
            assertThat(fs.kindOf(new ListDirectory("dir"))).isNull();
            assertThat(fs.kindOf(new Stat("dir/a.txt"))).isNull();
            assertThat(fs.osl.stats().denials()).isEqualTo(changes.size());
            assertThat(fs.osl.stats().failed(ErrorKind.READ_ONLY)).isEqualTo(changes.size());
            OslFixture.eventually().untilAsserted(() -> assertThat(fs.audit.events)
                    .filteredOn(e -> e.outcome().equals("READ_ONLY")).hasSize(changes.size())
                    .allMatch(e -> e.decision() == Decision.DENY));
        }
    }

    @Test
    void readOnlyStillRefusesHostilePathsAsSuch() {
        try (OslFixture fs = OslFixture.start(temp, b -> b.readOnly(true))) {
            assertThat(fs.kindOf(new Write("../x", bytes("x")))).isEqualTo(ErrorKind.OUTSIDE_ROOT);
            assertThat(fs.kindOf(new Write("a\\b", bytes("x")))).isEqualTo(ErrorKind.INVALID_PATH);
        }
    }

    @Test
    void writesAndAppendsBeyondTheLimitAreTooLargeAndChangeNothing() throws Exception {
        try (OslFixture fs = OslFixture.start(temp, b -> b.maxFileSize(10))) {
            assertThat(failureKind(fs.client.write("a.txt", bytes("01234567890")))).isEqualTo(ErrorKind.TOO_LARGE);
            assertThat(fs.root.resolve("a.txt")).doesNotExist();
            await(fs.client.write("a.txt", bytes("0123456789")));
            assertThat(failureKind(fs.client.write("a.txt", bytes("01234567890")))).isEqualTo(ErrorKind.TOO_LARGE);
            assertThat(failureKind(fs.client.append("a.txt", bytes("x")))).isEqualTo(ErrorKind.TOO_LARGE);
            assertThat(fs.root.resolve("a.txt")).hasContent("0123456789");
            assertThat(failureKind(fs.client.append("b.txt", bytes("01234567890")))).isEqualTo(ErrorKind.TOO_LARGE);
            assertThat(fs.root.resolve("b.txt")).doesNotExist();
            await(fs.client.append("b.txt", bytes("01234")));
            await(fs.client.append("b.txt", bytes("56789")));
            assertThat(failureKind(fs.client.append("b.txt", bytes("!")))).isEqualTo(ErrorKind.TOO_LARGE);
            assertThat(fs.root.resolve("b.txt")).hasContent("0123456789");
            fs.assertNoTemporaries();
        }
    }

    @Test
    void readsOfLargerFilesAreTooLargeButRangesWithinTheLimitAreServed() throws Exception {
        try (OslFixture fs = OslFixture.start(temp, b -> b.maxFileSize(10))) {
            Files.writeString(fs.root.resolve("big.txt"), "abcdefghijklmnopqrst");
            assertThat(failureKind(fs.client.read("big.txt"))).isEqualTo(ErrorKind.TOO_LARGE);
            assertThat(failureKind(fs.client.read("big.txt", 2, FileSystemOperation.Read.TO_END)))
                    .isEqualTo(ErrorKind.TOO_LARGE);
            assertThat(failureKind(fs.client.read("big.txt", 0, 11))).isEqualTo(ErrorKind.TOO_LARGE);
            assertThat(OslFixture.text(await(fs.client.read("big.txt", 5, 10)))).isEqualTo("fghijklmno");
            assertThat(await(fs.client.read("big.txt", 15, 10)).fileSize()).isEqualTo(20);
            FileSystemResult.Failure failure = (FileSystemResult.Failure) fs.run(FileSystemOperation.read("big.txt"));
            assertThat(failure.message()).contains("20 bytes").contains("limit of 10");
            assertThat(fs.osl.stats().failed(OperationKind.READ, ErrorKind.TOO_LARGE)).isEqualTo(4);
        }
    }

    @Test
    void theLimitsAreValidated() {
        OslFileSystemConfig.Builder builder = OslFileSystemConfig.builder(temp);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.maxFileSize(0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.maxFileSize(Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.poolSize(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.build().maxFileSize()).isEqualTo(OslFileSystemConfig.DEFAULT_MAX_FILE_SIZE);
    }
}
