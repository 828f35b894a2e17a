package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.await;
import static dev.rt.osl.fs.OslFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.osl.fs.FileSystemOperation.Write;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for thousands of random path strings (dots, slashes, backslashes, NUL, unicode, links that
 * lead in and out), a path the sandbox does not refuse resolves under the root, has no link left in
 * its canonical form, and writing to it through the service never creates anything outside the root.
 */
class PathFuzzTest {

    private static final long SEED = 20251014L;
    private static final int PATHS = 6000;
    private static final String[] TOKENS = {
        "a", "b", "dir", "escape", "alias", "up", "rel-escape", "dangling", "lost", "file.txt",
        ".", "..", "...", "/", "//", "\\", "\u0000", "%2e", "%2f", " ", "~", ":", "C:",
        "\u00e9", "\u4e2d", "\uD83D\uDE00", "\uD800", "\uFF0E", "\n", "*", "?", "x".repeat(130),
    };
    private static final Set<ErrorKind> REFUSALS = Set.of(ErrorKind.INVALID_PATH, ErrorKind.OUTSIDE_ROOT,
            ErrorKind.NOT_FOUND, ErrorKind.NOT_A_DIRECTORY);

    @TempDir
    Path temp;

    @Test
    void everyPathThatIsNotRefusedResolvesUnderTheRoot() throws IOException {
        try (OslFixture fs = OslFixture.start(temp, b -> b.syncWrites(false))) {
            fs.file("dir/file.txt", "f");
            fs.file("file.txt", "f");
            fs.link("escape", fs.outside);
            fs.link("rel-escape", Path.of("../outside"));
            fs.link("alias", Path.of("dir"));
            fs.link("dir/up", Path.of(".."));
            fs.link("dangling", fs.outside.resolve("nothing"));
            fs.link("lost", fs.root.resolve("nothing"));
            Files.writeString(fs.outside.resolve("secret.txt"), "secret");
            List<String> outsideBefore = OslFixture.tree(fs.outside);

            Sandbox sandbox = new Sandbox(fs.root);
            Random random = new Random(SEED);
            Map<ErrorKind, Integer> refused = new EnumMap<>(ErrorKind.class);
            int accepted = 0;
            List<CompletableFuture<FileSystemResult>> writes = new ArrayList<>();
            for (int i = 0; i < PATHS; i++) {
                String raw = randomPath(random);
                boolean followFinal = random.nextBoolean();
                try {
                    Resolved resolved = sandbox.resolve(RelativePath.parse(raw), followFinal);
                    accepted++;
                    assertUnderRoot(fs.root, resolved, raw);
                } catch (FsFailure f) {
                    assertThat(f.kind()).as("%s for %s", f.getMessage(), printable(raw)).isIn(REFUSALS);
                    assertThat(f.getMessage()).doesNotContain(fs.root.toString());
                    refused.merge(f.kind(), 1, Integer::sum);
                }
                if (i % 4 == 0) {
                    writes.add(fs.client.execute(new Write(raw, bytes("fuzz " + i))));
                }
            }
            for (CompletableFuture<FileSystemResult> write : writes) {
                FileSystemResult result = await(write);
                if (result instanceof FileSystemResult.Failure f) {
                    assertThat(f.kind()).as(f.message()).isIn(ErrorKind.INVALID_PATH, ErrorKind.OUTSIDE_ROOT,
                            ErrorKind.NOT_FOUND, ErrorKind.NOT_A_DIRECTORY, ErrorKind.NOT_A_FILE);
                }
            }
            assertThat(OslFixture.tree(fs.outside)).isEqualTo(outsideBefore);
            assertThat(Files.readString(fs.outside.resolve("secret.txt"))).isEqualTo("secret");
            try (var siblings = Files.list(temp)) {
                assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("root", "outside");
            }
            fs.assertNoTemporaries();
            // the generator reaches both sides of the property
            assertThat(accepted).isGreaterThan(PATHS / 10);
            assertThat(refused.keySet()).contains(ErrorKind.INVALID_PATH, ErrorKind.OUTSIDE_ROOT, ErrorKind.NOT_FOUND,
                    ErrorKind.NOT_A_DIRECTORY);
        }
    }

    private static void assertUnderRoot(Path root, Resolved resolved, String raw) throws IOException {
        Path target = root;
        for (String name : resolved.canonical().segments()) {
            target = target.resolve(name);
        }
        assertThat(target.normalize()).as(printable(raw)).startsWithRaw(root);
        // every name of the canonical path that exists is a real directory or, at the end, the entry itself
        Path current = root;
        List<String> names = resolved.canonical().segments();
        for (int i = 0; i < resolved.existingDepth(); i++) {
            current = current.resolve(names.get(i));
            boolean last = i == names.size() - 1;
            if (!last) {
                assertThat(Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)).as(printable(raw)).isTrue();
            }
        }
        if (resolved.exists() && Files.exists(target)) { // not for a broken link inside the root, deleted as itself
            assertThat(target.toRealPath()).as(printable(raw)).startsWithRaw(root);
        }
    }

    private static String randomPath(Random random) {
        StringBuilder path = new StringBuilder();
        int tokens = random.nextInt(9);
        for (int i = 0; i < tokens; i++) {
            if (random.nextInt(6) == 0) {
                path.append((char) random.nextInt(0x3000)); // any char, including controls and surrogate-free BMP
            } else {
                path.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            if (random.nextInt(3) > 0) {
                path.append('/');
            }
        }
        return path.toString();
    }

    private static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        AuditJson.quote(out, raw);
        return out.toString();
    }
}
