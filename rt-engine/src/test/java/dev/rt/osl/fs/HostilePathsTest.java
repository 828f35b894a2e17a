package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.osl.fs.FileSystemOperation.Append;
import dev.rt.osl.fs.FileSystemOperation.CreateDirectory;
import dev.rt.osl.fs.FileSystemOperation.DeleteDirectory;
import dev.rt.osl.fs.FileSystemOperation.DeleteFile;
import dev.rt.osl.fs.FileSystemOperation.ListDirectory;
import dev.rt.osl.fs.FileSystemOperation.Move;
import dev.rt.osl.fs.FileSystemOperation.Read;
import dev.rt.osl.fs.FileSystemOperation.Stat;
import dev.rt.osl.fs.FileSystemOperation.Write;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of hostile paths and link tricks: traversal, absolute paths, Windows separators, encoded dots
 * (literal names here), invalid names, and symbolic links in the middle, at the end and as the parent of
 * a new file. None may read, create, change or delete anything outside the root; refusals are audited
 * and their messages never name a host path.
 */
class HostilePathsTest {

    @TempDir
    static Path temp;

    private static OslFixture fs;
    private static List<String> outsideBefore;
    private static List<String> evilBefore;

    @BeforeAll
    static void setUp() throws IOException {
        fs = OslFixture.start(temp);
        Path root = fs.root;
        Path outside = fs.outside;
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(temp.resolve("inside.txt"), "OUTSIDE THE ROOT"); // what the kernel would find for escape/../inside.txt
        Path evil = Files.createDirectories(temp.resolve("root-evil"));
        Files.writeString(evil.resolve("evil.txt"), "evil");

        fs.file("inside.txt", "inside");
        fs.file("dir/file.txt", "file");
        fs.link("dir/up", Path.of(".."));
        fs.link("dir/upup", Path.of("../.."));
        fs.link("escape", outside);
        fs.link("rel-escape", Path.of("../outside"));
        fs.link("secret-link", outside.resolve("secret.txt"));
        fs.link("abs-root-link", Path.of("/"));
        fs.link("etc-link", Path.of("/etc"));
        fs.link("proc-link", Path.of("/proc/self/root"));
        fs.link("dangling-out", outside.resolve("nope.txt"));
        fs.link("dangling-in", root.resolve("nope.txt"));
        fs.link("chain2", outside);
        fs.link("chain1", Path.of("chain2"));
        fs.link("loop", Path.of("loop"));
        fs.link("prefix-trick", Path.of("../root-evil"));
        fs.link("alias", Path.of("dir"));
        fs.dir("deep/a");
        fs.link("deep/a/b", Path.of("../../../outside"));

        outsideBefore = OslFixture.tree(outside);
        evilBefore = OslFixture.tree(evil);
    }

    @AfterAll
    static void tearDown() {
        fs.close();
    }

    private static final EnumSet<ErrorKind> OK = EnumSet.noneOf(ErrorKind.class);
    private static final EnumSet<ErrorKind> OUT = EnumSet.of(ErrorKind.OUTSIDE_ROOT);
    private static final EnumSet<ErrorKind> INVALID = EnumSet.of(ErrorKind.INVALID_PATH);
    private static final EnumSet<ErrorKind> LITERAL = EnumSet.of(ErrorKind.NOT_FOUND);
    /** Non-ASCII names are literal too, unless the JVM's file-name encoding cannot represent them. */
    private static final EnumSet<ErrorKind> LITERAL_UNICODE = EnumSet.of(ErrorKind.NOT_FOUND, ErrorKind.INVALID_PATH);

    static Stream<Arguments> rows() {
        String outsideAbs = fs.outside.resolve("secret.txt").toString();
        String rootAbs = fs.root.resolve("inside.txt").toString();
        List<Arguments> rows = new ArrayList<>();
        // ---- traversal
        rows.add(row("dot-dot to a sibling", read("../outside/secret.txt"), OUT));
        rows.add(row("bare dot-dot", read(".."), OUT));
        rows.add(row("list dot-dot slash", new ListDirectory("../"), OUT));
        rows.add(row("climb out after descending", read("dir/../../outside/secret.txt"), OUT));
        rows.add(row("dots and slashes mixed", read("dir/./../.././outside/secret.txt"), OUT));
        rows.add(row("leading dot then dot-dot", read("./../outside/secret.txt"), OUT));
        rows.add(row("climb out through missing dirs", read("a/b/c/../../../../outside/secret.txt"), OUT));
        rows.add(row("double slashes", read("..//..//etc/passwd"), OUT));
        rows.add(row("write next to the root", new Write("../outside/planted.txt", bytes("x")), OUT));
        rows.add(row("mkdirs next to the root", new CreateDirectory("../outside/newdir", true), OUT));
        rows.add(row("move out of the root", new Move("inside.txt", "../outside/stolen.txt", false), OUT));
        rows.add(row("move in from outside", new Move("../outside/secret.txt", "stolen.txt", false), OUT));
        // ---- absolute
        rows.add(row("absolute /etc/passwd", read("/etc/passwd"), OUT));
        rows.add(row("the file-system root", read("/"), OUT));
        rows.add(row("double-slash absolute", read("//etc/passwd"), OUT));
        rows.add(row("absolute path of a file outside", read(outsideAbs), OUT));
        rows.add(row("absolute path even inside the root", read(rootAbs), OUT));
        rows.add(row("absolute write to /tmp", new Write("/tmp/osl-planted.txt", bytes("x")), OUT));
        // ---- Windows-style separators: refused, never taken as separators or as literal names
        rows.add(row("backslash dot-dot", read("..\\outside\\secret.txt"), INVALID));
        rows.add(row("backslash inside", read("dir\\file.txt"), INVALID));
        rows.add(row("drive letter with backslashes", read("C:\\Windows\\win.ini"), INVALID));
        rows.add(row("UNC path", read("\\\\server\\share\\x"), INVALID));
        rows.add(row("backslash write", new Write("..\\..\\planted.txt", bytes("x")), INVALID));
        rows.add(row("drive letter with slashes is a literal name", read("C:/Windows/win.ini"), LITERAL));
        // ---- encodings are literal names
        rows.add(row("percent-encoded dots", read("%2e%2e/outside/secret.txt"), LITERAL));
        rows.add(row("percent-encoded dots and slashes", read("%2e%2e%2foutside%2fsecret.txt"), LITERAL));
        rows.add(row("dots with encoded slash", read("..%2foutside%2fsecret.txt"), LITERAL));
        rows.add(row("double percent-encoding", read("%252e%252e/outside/secret.txt"), LITERAL));
        rows.add(row("half-encoded dots", read(".%2e/outside/secret.txt"), LITERAL));
        rows.add(row("overlong UTF-8 dots", read("%c0%ae%c0%ae/outside/secret.txt"), LITERAL));
        rows.add(row("write with encoded dots stays literal", new Write("%2e%2e/planted.txt", bytes("x")), LITERAL));
        rows.add(row("fullwidth full stops", read("\uFF0E\uFF0E/outside/secret.txt"), LITERAL_UNICODE));
        rows.add(row("one dot leaders", read("\u2024\u2024/outside/secret.txt"), LITERAL_UNICODE));
        rows.add(row("three dots", read("..."), LITERAL));
        rows.add(row("four dots then a name", read("..../outside/secret.txt"), LITERAL));
        rows.add(row("tilde", read("~/secret.txt"), LITERAL));
        rows.add(row("tilde user", read("~root/.bashrc"), LITERAL));
        rows.add(row("shell variable", read("$HOME/.bashrc"), LITERAL));
        rows.add(row("file URL", read("file:///etc/passwd"), LITERAL));
        rows.add(row("dot-dot with trailing space", read(".. /outside/secret.txt"), LITERAL));
        // ---- invalid
        rows.add(row("empty", read(""), INVALID));
        rows.add(row("NUL in the name", read("inside.txt\u0000.png"), INVALID));
        rows.add(row("only NUL", read("\u0000"), INVALID));
        rows.add(row("NUL then dot-dot", read("\u0000/../../etc/passwd"), INVALID));
        rows.add(row("name of 256 bytes", read("x".repeat(256)), INVALID));
        rows.add(row("name of 256 UTF-8 bytes", read("dir/" + "\u00e9".repeat(128)), INVALID));
        rows.add(row("path over 4096 bytes", read("abcdefghi/".repeat(410) + "x"), INVALID));
        rows.add(row("unpaired surrogate", read("bad\uD800name"), INVALID));
        rows.add(row("reserved temporary name", new Write(".osl-tmp-0123/x", bytes("x")), INVALID));
        // ---- symbolic links
        rows.add(row("link to a directory outside, in the middle", read("escape/secret.txt"), OUT));
        rows.add(row("link to a directory outside, at the end", new ListDirectory("escape"), OUT));
        rows.add(row("link to a file outside", read("secret-link"), OUT));
        rows.add(row("stat through a link to a file outside", new Stat("secret-link"), OUT));
        rows.add(row("relative link that climbs out", read("rel-escape/secret.txt"), OUT));
        rows.add(row("link to /", read("abs-root-link/etc/passwd"), OUT));
        rows.add(row("link to /etc", read("etc-link/passwd"), OUT));
        rows.add(row("link to /proc/self/root", new ListDirectory("proc-link"), OUT));
        rows.add(row("dangling link pointing outside", read("dangling-out"), OUT));
        rows.add(row("write through a dangling link pointing outside", new Write("dangling-out", bytes("x")), OUT));
        rows.add(row("dangling link inside", read("dangling-in"), LITERAL));
        rows.add(row("chain of links ending outside", read("chain1/secret.txt"), OUT));
        rows.add(row("link loop", read("loop"), LITERAL));
        rows.add(row("sibling with the root's name as prefix", read("prefix-trick/evil.txt"), OUT));
        rows.add(row("link to the grandparent", read("dir/upup/outside/secret.txt"), OUT));
        rows.add(row("deep relative link", read("deep/a/b/secret.txt"), OUT));
        rows.add(row("write under a link parent", new Write("escape/planted.txt", bytes("x")), OUT));
        rows.add(row("append under a link parent", new Append("escape/secret.txt", bytes("x")), OUT));
        rows.add(row("mkdirs under a link parent", new CreateDirectory("escape/newdir/x", true), OUT));
        rows.add(row("mkdir under a link parent", new CreateDirectory("escape/newdir", false), OUT));
        rows.add(row("delete under a link parent", new DeleteFile("escape/secret.txt"), OUT));
        rows.add(row("delete a link that leads outside", new DeleteFile("escape"), OUT));
        rows.add(row("recursive delete of a link that leads outside", new DeleteDirectory("escape", true), OUT));
        rows.add(row("move from under a link parent", new Move("escape/secret.txt", "stolen.txt", false), OUT));
        rows.add(row("move to under a link parent", new Move("inside.txt", "escape/stolen.txt", false), OUT));
        rows.add(row("move a link that leads outside", new Move("secret-link", "mine", false), OUT));
        rows.add(row("dots around a link", read("./escape/./secret.txt"), OUT));
        rows.add(row("dot-dot then a link", read("dir/../escape/secret.txt"), OUT));
        rows.add(row("inner dot-dot then a link parent", new Write("alias/../escape/planted.txt", bytes("x")), OUT));
        // ---- tricks that stay inside and are served from inside
        rows.add(row("dot-dot after a link is lexical, not the link's parent", read("escape/../inside.txt"), OK));
        rows.add(row("link to the root inside the root", read("dir/up/dir/up/inside.txt"), OK));
        rows.add(row("link to a directory inside", read("alias/file.txt"), OK));
        return rows.stream();
    }

    @Test
    void theTableHasAtLeastFortyHostileRows() {
        assertThat(rows().filter(r -> !((Set<?>) r.get()[2]).isEmpty()).count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void nothingEscapesTheRoot(String name, FileSystemOperation op, Set<ErrorKind> expected) throws IOException {
        FileSystemResponse response = fs.request("mallory", op);
        FileSystemResult result = response.result();
        if (expected.isEmpty()) {
            assertThat(result).as(name).isInstanceOf(FileSystemResult.Content.class);
            assertThat(OslFixture.text(result)).isNotEqualTo("OUTSIDE THE ROOT").isNotEqualTo("secret");
        } else {
            assertThat(result).as(name).isInstanceOf(FileSystemResult.Failure.class);
            FileSystemResult.Failure failure = (FileSystemResult.Failure) result;
            assertThat(failure.kind()).as(name + ": " + failure.message()).isIn(expected);
            assertThat(failure.message()).as("the message names no host path")
                    .doesNotContain(temp.toString()).doesNotContain(fs.root.toString());
        }
        // nothing outside changed, nothing new next to the root
        assertThat(OslFixture.tree(fs.outside)).isEqualTo(outsideBefore);
        assertThat(OslFixture.tree(temp.resolve("root-evil"))).isEqualTo(evilBefore);
        assertThat(Files.readString(fs.outside.resolve("secret.txt"), StandardCharsets.UTF_8)).isEqualTo("secret");
        try (Stream<Path> siblings = Files.list(temp)) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("root", "outside", "inside.txt", "root-evil");
        }
        assertThat(Path.of("/tmp/osl-planted.txt")).doesNotExist();
        // the decision is audited
        AuditEvent event = fs.eventFor(response.requestId());
        assertThat(event.principal()).isEqualTo("mallory");
        assertThat(event.operation()).isEqualTo(op.kind());
        assertThat(event.decision()).isEqualTo(Decision.of(result));
        if (!expected.isEmpty() && expected.stream().allMatch(k -> k == ErrorKind.OUTSIDE_ROOT || k == ErrorKind.INVALID_PATH)) {
            assertThat(event.decision()).isEqualTo(Decision.REFUSE);
        }
    }

    private static Read read(String path) {
        return FileSystemOperation.read(path);
    }

    private static Arguments row(String name, FileSystemOperation op, EnumSet<ErrorKind> expected) {
        return Arguments.of(name, op, expected);
    }
}
