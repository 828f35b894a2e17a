package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.await;
import static dev.rt.osl.fs.OslFixture.bytes;
import static dev.rt.osl.fs.OslFixture.failureKind;
import static dev.rt.osl.fs.OslFixture.text;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operation's success and its error kinds, through the actors and the client. */
class FileSystemOperationsTest {

    @TempDir
    Path temp;

    private OslFixture fs;

    @BeforeEach
    void setUp() {
        fs = OslFixture.start(temp);
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    // ------------------------------------------------------------------ read

    @Test
    void readsWholeFilesAndRanges() throws Exception {
        fs.file("data.txt", "0123456789");
        FileSystemResult.Content whole = await(fs.client.read("data.txt"));
        assertThat(whole.data()).isEqualTo(bytes("0123456789"));
        assertThat(whole.fileSize()).isEqualTo(10);

        assertThat(text(await(fs.client.read("data.txt", 2, 3)))).isEqualTo("234");
        assertThat(text(await(fs.client.read("data.txt", 7, 100)))).isEqualTo("789");
        assertThat(text(await(fs.client.read("data.txt", 4, FileSystemOperation.Read.TO_END)))).isEqualTo("456789");
        FileSystemResult.Content pastEnd = await(fs.client.read("data.txt", 50, 5));
        assertThat(pastEnd.size()).isZero();
        assertThat(pastEnd.fileSize()).isEqualTo(10);
        assertThat(text(await(fs.client.read("./sub/../data.txt")))).isEqualTo("0123456789");
    }

    @Test
    void readErrors() {
        fs.dir("folder");
        fs.file("file.txt", "x");
        assertThat(failureKind(fs.client.read("missing.txt"))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(failureKind(fs.client.read("folder"))).isEqualTo(ErrorKind.NOT_A_FILE);
        assertThat(failureKind(fs.client.read("."))).isEqualTo(ErrorKind.NOT_A_FILE);
        assertThat(failureKind(fs.client.read("file.txt/inner"))).isEqualTo(ErrorKind.NOT_A_DIRECTORY);
        assertThat(failureKind(fs.client.read("nowhere/inner.txt"))).isEqualTo(ErrorKind.NOT_FOUND);
    }

    // ------------------------------------------------------------------ write

    @Test
    void writesCreateAndReplaceAtomicallyWithoutLeavingTemporaries() throws Exception {
        FileSystemResult.Written first = await(fs.client.write("report.txt", bytes("first")));
        assertThat(first).isEqualTo(new FileSystemResult.Written(5, 5));
        assertThat(Files.readString(fs.root.resolve("report.txt"))).isEqualTo("first");

        await(fs.client.write("report.txt", bytes("second, longer")));
        assertThat(Files.readString(fs.root.resolve("report.txt"))).isEqualTo("second, longer");
        await(fs.client.write("empty.txt", new byte[0]));
        assertThat(Files.size(fs.root.resolve("empty.txt"))).isZero();
        assertThat(OslFixture.tree(fs.root)).containsExactly("empty.txt", "report.txt");
        fs.assertNoTemporaries();
    }

    @Test
    void writeErrors() {
        fs.dir("folder/inside");
        fs.file("file.txt", "x");
        assertThat(failureKind(fs.client.write("nowhere/new.txt", bytes("x")))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(failureKind(fs.client.write("folder", bytes("x")))).isEqualTo(ErrorKind.NOT_A_FILE);
        assertThat(failureKind(fs.client.write(".", bytes("x")))).isEqualTo(ErrorKind.NOT_A_FILE);
        assertThat(failureKind(fs.client.write("file.txt/child", bytes("x")))).isEqualTo(ErrorKind.NOT_A_DIRECTORY);
        assertThat(fs.root.resolve("folder/inside")).isDirectory();
        fs.assertNoTemporaries();
    }

    // ------------------------------------------------------------------ append

    @Test
    void appendsCreateThenExtend() throws Exception {
        assertThat(await(fs.client.append("log.txt", bytes("a")))).isEqualTo(new FileSystemResult.Written(1, 1));
        assertThat(await(fs.client.append("log.txt", bytes("bc")))).isEqualTo(new FileSystemResult.Written(2, 3));
        assertThat(Files.readString(fs.root.resolve("log.txt"))).isEqualTo("abc");
    }

    @Test
    void appendErrors() {
        fs.dir("folder");
        assertThat(fs.kindOf(new Append("folder", bytes("x")))).isEqualTo(ErrorKind.NOT_A_FILE);
        assertThat(fs.kindOf(new Append("nowhere/log.txt", bytes("x")))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(fs.kindOf(new Append(".", bytes("x")))).isEqualTo(ErrorKind.NOT_A_FILE);
    }

    // ------------------------------------------------------------------ delete file

    @Test
    void deletesFilesAndLinksThemselves() throws Exception {
        fs.file("gone.txt", "x");
        fs.file("target.txt", "kept");
        fs.link("alias", fs.root.resolve("target.txt"));
        assertThat(await(fs.client.delete("gone.txt"))).isEqualTo(new FileSystemResult.Done(1));
        assertThat(fs.root.resolve("gone.txt")).doesNotExist();
        await(fs.client.delete("alias"));
        assertThat(Files.exists(fs.root.resolve("alias"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(fs.root.resolve("target.txt")).hasContent("kept");
    }

    @Test
    void deleteFileErrors() {
        fs.dir("folder");
        assertThat(fs.kindOf(new DeleteFile("missing.txt"))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(fs.kindOf(new DeleteFile("folder"))).isEqualTo(ErrorKind.NOT_A_FILE);
        assertThat(fs.kindOf(new DeleteFile("."))).isEqualTo(ErrorKind.NOT_A_FILE);
        assertThat(fs.root.resolve("folder")).isDirectory();
    }

    // ------------------------------------------------------------------ list

    @Test
    void listsEntriesSortedWithTypeSizeAndTime() throws Exception {
        Instant before = Instant.now().minus(1, ChronoUnit.MINUTES);
        fs.file("dir/b.txt", "hello");
        fs.dir("dir/a-sub");
        fs.link("dir/c-link", fs.root.resolve("dir/b.txt"));
        FileSystemResult.Listing listing = await(fs.client.list("dir"));
        assertThat(listing.entries()).extracting(FileEntry::name).containsExactly("a-sub", "b.txt", "c-link");
        assertThat(listing.entries()).extracting(FileEntry::type)
                .containsExactly(FileType.DIRECTORY, FileType.FILE, FileType.SYMLINK);
        assertThat(listing.entries().get(1).size()).isEqualTo(5);
        assertThat(listing.entries()).allSatisfy(e -> assertThat(e.modified()).isAfter(before));
        assertThat(await(fs.client.list(".")).entries()).extracting(FileEntry::name).containsExactly("dir");
        assertThat(await(fs.client.list("dir/a-sub")).entries()).isEmpty();
    }

    @Test
    void listErrors() {
        fs.file("file.txt", "x");
        assertThat(fs.kindOf(new ListDirectory("missing"))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(fs.kindOf(new ListDirectory("file.txt"))).isEqualTo(ErrorKind.NOT_A_DIRECTORY);
    }

    // ------------------------------------------------------------------ create directory

    @Test
    void createsDirectories() throws Exception {
        assertThat(await(fs.client.mkdir("one"))).isEqualTo(new FileSystemResult.Done(1));
        assertThat(fs.root.resolve("one")).isDirectory();
        assertThat(await(fs.client.mkdirs("a/b/c"))).isEqualTo(new FileSystemResult.Done(3));
        assertThat(fs.root.resolve("a/b/c")).isDirectory();
        assertThat(await(fs.client.mkdirs("a/b/c"))).isEqualTo(new FileSystemResult.Done(0));
        assertThat(await(fs.client.mkdirs("a/b/d"))).isEqualTo(new FileSystemResult.Done(1));
        fs.assertNoTemporaries();
    }

    @Test
    void createDirectoryErrors() {
        fs.dir("exists");
        fs.file("file.txt", "x");
        assertThat(fs.kindOf(new CreateDirectory("exists", false))).isEqualTo(ErrorKind.ALREADY_EXISTS);
        assertThat(fs.kindOf(new CreateDirectory("missing/child", false))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(fs.kindOf(new CreateDirectory("file.txt", false))).isEqualTo(ErrorKind.ALREADY_EXISTS);
        assertThat(fs.kindOf(new CreateDirectory("file.txt", true))).isEqualTo(ErrorKind.ALREADY_EXISTS);
        assertThat(fs.kindOf(new CreateDirectory("file.txt/child", true))).isEqualTo(ErrorKind.NOT_A_DIRECTORY);
        assertThat(fs.kindOf(new CreateDirectory(".", false))).isEqualTo(ErrorKind.ALREADY_EXISTS);
        assertThat(fs.root.resolve("missing")).doesNotExist();
    }

    // ------------------------------------------------------------------ delete directory

    @Test
    void deletesDirectories() throws Exception {
        fs.dir("empty");
        fs.file("full/a.txt", "a");
        fs.file("full/sub/b.txt", "b");
        fs.file("kept.txt", "k");
        fs.link("full/link-to-kept", fs.root.resolve("kept.txt"));
        assertThat(await(fs.client.deleteDirectory("empty", false))).isEqualTo(new FileSystemResult.Done(1));
        // a.txt, sub/b.txt, sub, link-to-kept, full
        assertThat(await(fs.client.deleteDirectory("full", true))).isEqualTo(new FileSystemResult.Done(5));
        assertThat(OslFixture.tree(fs.root)).containsExactly("kept.txt");
    }

    @Test
    void deleteDirectoryErrors() {
        fs.file("full/a.txt", "a");
        fs.dir("real");
        fs.link("dir-link", fs.root.resolve("real"));
        assertThat(fs.kindOf(new DeleteDirectory("full", false))).isEqualTo(ErrorKind.NOT_EMPTY);
        assertThat(fs.kindOf(new DeleteDirectory("missing", true))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(fs.kindOf(new DeleteDirectory("full/a.txt", false))).isEqualTo(ErrorKind.NOT_A_DIRECTORY);
        assertThat(fs.kindOf(new DeleteDirectory("dir-link", true))).isEqualTo(ErrorKind.NOT_A_DIRECTORY);
        assertThat(fs.kindOf(new DeleteDirectory(".", true))).isEqualTo(ErrorKind.INVALID_PATH);
        assertThat(fs.kindOf(new DeleteDirectory("full/..", true))).isEqualTo(ErrorKind.INVALID_PATH);
        assertThat(fs.root.resolve("full/a.txt")).exists();
        assertThat(fs.root.resolve("real")).isDirectory();
    }

    // ------------------------------------------------------------------ stat

    @Test
    void statsFilesDirectoriesAndTheRoot() throws Exception {
        fs.file("dir/f.txt", "12345");
        FileEntry file = await(fs.client.stat("dir/f.txt")).entry();
        assertThat(file.name()).isEqualTo("f.txt");
        assertThat(file.type()).isEqualTo(FileType.FILE);
        assertThat(file.size()).isEqualTo(5);
        assertThat(await(fs.client.stat("dir")).entry().type()).isEqualTo(FileType.DIRECTORY);
        FileEntry root = await(fs.client.stat(".")).entry();
        assertThat(root.name()).isEqualTo(".");
        assertThat(root.type()).isEqualTo(FileType.DIRECTORY);
        fs.link("alias", fs.root.resolve("dir/f.txt"));
        FileEntry alias = await(fs.client.stat("alias")).entry();
        assertThat(alias.name()).isEqualTo("alias");
        assertThat(alias.type()).isEqualTo(FileType.FILE);
        assertThat(fs.kindOf(new Stat("missing"))).isEqualTo(ErrorKind.NOT_FOUND);
    }

    // ------------------------------------------------------------------ move

    @Test
    void movesFilesAndDirectories() throws Exception {
        fs.file("a.txt", "A");
        fs.file("dir/inner.txt", "I");
        fs.dir("dest");
        assertThat(await(fs.client.move("a.txt", "dest/b.txt"))).isEqualTo(new FileSystemResult.Done(1));
        assertThat(fs.root.resolve("dest/b.txt")).hasContent("A");
        assertThat(fs.root.resolve("a.txt")).doesNotExist();
        await(fs.client.move("dir", "dest/dir"));
        assertThat(fs.root.resolve("dest/dir/inner.txt")).hasContent("I");
        fs.file("c.txt", "C");
        await(fs.client.move("c.txt", "dest/b.txt", true));
        assertThat(fs.root.resolve("dest/b.txt")).hasContent("C");
        assertThat(await(fs.client.move("dest/b.txt", "dest/./b.txt"))).isEqualTo(new FileSystemResult.Done(0));
    }

    @Test
    void moveErrors() {
        fs.file("a.txt", "A");
        fs.file("b.txt", "B");
        fs.file("dir/inner.txt", "I");
        assertThat(fs.kindOf(new Move("missing.txt", "x.txt", false))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(fs.kindOf(new Move("a.txt", "b.txt", false))).isEqualTo(ErrorKind.ALREADY_EXISTS);
        assertThat(fs.kindOf(new Move("a.txt", "dir", true))).isEqualTo(ErrorKind.ALREADY_EXISTS);
        assertThat(fs.kindOf(new Move("a.txt", "nowhere/a.txt", false))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(fs.kindOf(new Move("dir", "dir/sub/dir", false))).isEqualTo(ErrorKind.NOT_FOUND);
        fs.dir("dir/sub");
        assertThat(fs.kindOf(new Move("dir", "dir/sub/dir", false))).isEqualTo(ErrorKind.INVALID_PATH);
        assertThat(fs.kindOf(new Move(".", "elsewhere", false))).isEqualTo(ErrorKind.INVALID_PATH);
        assertThat(fs.kindOf(new Move("a.txt", ".", true))).isEqualTo(ErrorKind.ALREADY_EXISTS);
        assertThat(fs.root.resolve("a.txt")).hasContent("A");
        assertThat(fs.root.resolve("b.txt")).hasContent("B");
    }

    // ------------------------------------------------------------------ the client's typed failures

    @Test
    void clientFuturesFailWithTheKindAndAHelpfulMessage() {
        FileSystemResult result = fs.run(new Write("missing/x.txt", bytes("x")));
        assertThat(result).isEqualTo(new FileSystemResult.Failure(ErrorKind.NOT_FOUND,
                "the parent directory of 'missing/x.txt' does not exist"));
        assertThat(failureKind(fs.client.stat("missing"))).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(result.isSuccess()).isFalse();
        assertThat(fs.run(new ListDirectory(".")).isSuccess()).isTrue();
    }
}
