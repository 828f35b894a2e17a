package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.osl.fs.FileSystemOperation.Append;
import dev.rt.osl.fs.FileSystemOperation.CreateDirectory;
import dev.rt.osl.fs.FileSystemOperation.DeleteDirectory;
import dev.rt.osl.fs.FileSystemOperation.DeleteFile;
import dev.rt.osl.fs.FileSystemOperation.ListDirectory;
import dev.rt.osl.fs.FileSystemOperation.Move;
import dev.rt.osl.fs.FileSystemOperation.Stat;
import dev.rt.osl.fs.FileSystemOperation.Write;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Time-of-check to time-of-use, deterministically: a probe changes the file system exactly between the
 * sandbox check and the use ({@code "checked"}), or between opening a directory and creating an entry
 * in it ({@code "opened"}). Whatever changes there, nothing outside the root is read, created, changed or
 * deleted. {@link LinkSwapRaceTest} does the same with real racing threads.
 */
class CheckToUseTest {

    @TempDir
    Path temp;

    private Path root;
    private Path outside;
    private FileSystemService service;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("root")).toRealPath();
        outside = Files.createDirectories(temp.resolve("outside")).toRealPath();
        Files.createDirectories(root.resolve("d/sub"));
        Files.writeString(root.resolve("d/existing.txt"), "inside");
        Files.writeString(root.resolve("d/victim.txt"), "inside victim");
        Files.writeString(root.resolve("d/sub/x.txt"), "x");
        Files.writeString(root.resolve("top.txt"), "top");
        Files.writeString(outside.resolve("existing.txt"), "outside");
        Files.writeString(outside.resolve("victim.txt"), "outside victim");
        Files.createDirectories(outside.resolve("sub"));
        Files.writeString(outside.resolve("sub/x.txt"), "outside x");
        service = new FileSystemService(root, OslFileSystemConfig.builder(root).syncWrites(false).build(),
                new FileSystemStats());
    }

    static Stream<FileSystemOperation> operationsInD() {
        return Stream.of(
                new Write("d/new.txt", bytes("x")),
                new Write("d/existing.txt", bytes("x")),
                new Append("d/log.txt", bytes("x")),
                new Append("d/existing.txt", bytes("x")),
                new CreateDirectory("d/made", false),
                new CreateDirectory("d/made/deeper", true),
                FileSystemOperation.read("d/existing.txt"),
                new DeleteFile("d/victim.txt"),
                new DeleteDirectory("d/sub", true),
                new ListDirectory("d"),
                new Stat("d/existing.txt"),
                new Move("d/existing.txt", "moved.txt", false),
                new Move("top.txt", "d/stolen.txt", false),
                new Move("top.txt", "d/existing.txt", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operationsInD")
    void aLinkSwappedInForADirectoryAfterTheCheckIsRefused(FileSystemOperation op) throws IOException {
        List<String> before = OslFixture.tree(outside);
        AtomicBoolean swapped = new AtomicBoolean();
        service.operations().probe((point, path) -> {
            if (point.equals("checked") && path.segments().get(0).equals("d") && swapped.compareAndSet(false, true)) {
                Files.move(root.resolve("d"), root.resolve("d-stash"));
                Files.createSymbolicLink(root.resolve("d"), outside);
            }
        });
        FileSystemResult result = service.handle("mallory", 1, op).result();
        assertThat(swapped).isTrue();
        assertThat(OslFixture.kindOf(result)).as(result.toString()).isEqualTo(ErrorKind.OUTSIDE_ROOT);
        assertOutsideUnchanged(before);
    }

    static Stream<FileSystemOperation> operationsOnTheFile() {
        return Stream.of(
                FileSystemOperation.read("d/existing.txt"),
                new Write("d/existing.txt", bytes("x")),
                new Append("d/existing.txt", bytes("x")),
                new Stat("d/existing.txt"),
                new DeleteFile("d/existing.txt"),
                new Move("d/existing.txt", "moved.txt", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operationsOnTheFile")
    void aLinkSwappedInForTheFileAfterTheCheckIsNeverFollowed(FileSystemOperation op) throws IOException {
        List<String> before = OslFixture.tree(outside);
        AtomicBoolean swapped = new AtomicBoolean();
        service.operations().probe((point, path) -> {
            if (point.equals("checked") && path.toString().equals("d/existing.txt") && swapped.compareAndSet(false, true)) {
                Files.delete(root.resolve("d/existing.txt"));
                Files.createSymbolicLink(root.resolve("d/existing.txt"), outside.resolve("existing.txt"));
            }
        });
        FileSystemResult result = service.handle("mallory", 1, op).result();
        assertThat(swapped).isTrue();
        if (op instanceof DeleteFile || op instanceof Move) {
            // they act on the link itself, inside the root
            assertThat(result.isSuccess()).as(result.toString()).isTrue();
        } else {
            assertThat(OslFixture.kindOf(result)).as(result.toString()).isEqualTo(ErrorKind.OUTSIDE_ROOT);
        }
        assertOutsideUnchanged(before);
    }

    static Stream<FileSystemOperation> creations() {
        return Stream.of(
                new Write("d/new.txt", bytes("x")),
                new Append("d/new-log.txt", bytes("x")),
                new CreateDirectory("d/made", false),
                new CreateDirectory("d/a/b", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creations")
    void aLinkSwappedInAfterTheDirectoryWasOpenedIsNeverFollowed(FileSystemOperation op) throws IOException {
        List<String> before = OslFixture.tree(outside);
        AtomicBoolean swapped = new AtomicBoolean();
        service.operations().probe((point, path) -> {
            if (point.equals("opened") && swapped.compareAndSet(false, true)) {
                Files.move(root.resolve("d"), root.resolve("d-stash"));
                Files.createSymbolicLink(root.resolve("d"), outside);
            }
        });
        FileSystemResult result = service.handle("mallory", 1, op).result();
        assertThat(swapped).isTrue();
        // the entry went into the directory that was opened (now d-stash, inside), then was taken back
        assertThat(OslFixture.kindOf(result)).as(result.toString()).isEqualTo(ErrorKind.OUTSIDE_ROOT);
        assertOutsideUnchanged(before);
        assertThat(OslFixture.tree(root.resolve("d-stash")))
                .containsExactlyInAnyOrder("existing.txt", "victim.txt", "sub", "sub/x.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creations")
    void aDirectoryMovedOutOfTheRootAfterItWasOpenedKeepsNothingThatWasCreatedInIt(FileSystemOperation op)
            throws IOException {
        AtomicBoolean moved = new AtomicBoolean();
        service.operations().probe((point, path) -> {
            if (point.equals("opened") && moved.compareAndSet(false, true)) {
                Files.move(root.resolve("d"), outside.resolve("d"));
            }
        });
        FileSystemResult result = service.handle("mallory", 1, op).result();
        assertThat(moved).isTrue();
        assertThat(OslFixture.kindOf(result)).as(result.toString()).isEqualTo(ErrorKind.OUTSIDE_ROOT);
        // the moved directory holds only what it held before: nothing was created outside
        assertThat(OslFixture.tree(outside.resolve("d")))
                .containsExactlyInAnyOrder("existing.txt", "victim.txt", "sub", "sub/x.txt");
    }

    private void assertOutsideUnchanged(List<String> before) throws IOException {
        assertThat(OslFixture.tree(outside)).isEqualTo(before);
        assertThat(Files.readString(outside.resolve("existing.txt"))).isEqualTo("outside");
        assertThat(Files.readString(outside.resolve("victim.txt"))).isEqualTo("outside victim");
        assertThat(Files.readString(outside.resolve("sub/x.txt"))).isEqualTo("outside x");
    }
}
