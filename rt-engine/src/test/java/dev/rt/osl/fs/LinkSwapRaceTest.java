package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.await;
import static dev.rt.osl.fs.OslFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.osl.fs.FileSystemOperation.Append;
import dev.rt.osl.fs.FileSystemOperation.CreateDirectory;
import dev.rt.osl.fs.FileSystemOperation.Write;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time-of-check to time-of-use: racing threads keep turning {@code d} into a link to the outside and
 * back, and keep retargeting the link {@code l} between a directory inside and the outside, while
 * thousands of writes, appends and directory creations go through those names. Whatever the
 * interleaving, nothing may ever appear outside the root.
 */
class LinkSwapRaceTest {

    private static final int OPERATIONS = 2400;
    private static final int BATCH = 80;
    private static final Set<ErrorKind> EXPECTED = Set.of(ErrorKind.OUTSIDE_ROOT, ErrorKind.NOT_FOUND,
            ErrorKind.NOT_A_DIRECTORY, ErrorKind.ALREADY_EXISTS);

    @TempDir
    Path temp;

    private OslFixture fs;

    @BeforeEach
    void setUp() {
        fs = OslFixture.start(temp, b -> b.syncWrites(false).poolSize(4));
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    @Test
    void noFileEverAppearsOutsideTheRootWhileLinksAreSwapped() throws Exception {
        Path d = fs.dir("d");
        Path stash = fs.root.resolve("d-stash");
        Path inside = fs.dir("inside-target");
        Path l = fs.link("l", inside);
        Path lNext = fs.root.resolve("l-next");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong flips = new AtomicLong();
        AtomicLong retargets = new AtomicLong();
        List<Throwable> racerErrors = new java.util.concurrent.CopyOnWriteArrayList<>();

        Thread flipper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.move(d, stash, StandardCopyOption.ATOMIC_MOVE);   // d is gone
                    Files.createSymbolicLink(d, fs.outside);                // d leads outside
                    Files.delete(d);                                        // d is gone again
                    Files.move(stash, d, StandardCopyOption.ATOMIC_MOVE);   // d is a directory again
                    flips.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                racerErrors.add(e);
            }
        }, "flipper");
        Thread retargeter = new Thread(() -> {
            try {
                boolean out = true;
                while (!stop.get()) {
                    Files.createSymbolicLink(lNext, out ? fs.outside : inside);
                    Files.move(lNext, l, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    out = !out;
                    retargets.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                racerErrors.add(e);
            }
        }, "retargeter");
        flipper.start();
        retargeter.start();

        Map<ErrorKind, Integer> failures = new EnumMap<>(ErrorKind.class);
        int succeeded = 0;
        try {
            for (int start = 0; start < OPERATIONS; start += BATCH) {
                List<CompletableFuture<FileSystemResult>> batch = new ArrayList<>();
                for (int i = start; i < start + BATCH; i++) {
                    batch.add(fs.client.execute(operation(i)));
                }
                for (CompletableFuture<FileSystemResult> future : batch) {
                    FileSystemResult result = await(future);
                    if (result instanceof FileSystemResult.Failure f) {
                        assertThat(f.kind()).as(f.message()).isIn(EXPECTED);
                        failures.merge(f.kind(), 1, Integer::sum);
                    } else {
                        succeeded++;
                    }
                }
                assertThat(OslFixture.tree(fs.outside)).as("outside the root after %d operations", start + BATCH)
                        .isEmpty();
            }
        } finally {
            stop.set(true);
            flipper.join();
            retargeter.join();
        }
        assertThat(racerErrors).isEmpty();
        assertThat(OslFixture.tree(fs.outside)).isEmpty();
        assertThat(flips.get()).isPositive();
        assertThat(retargets.get()).isPositive();
        assertThat(succeeded).as("successes; failures %s", failures).isPositive();
        assertThat(Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)).isTrue();
        // whatever did get written is inside the root, under d, d-stash or the inside target
        assertThat(OslFixture.tree(fs.root)).allMatch(p -> p.equals("d") || p.startsWith("d/") || p.equals("l")
                || p.startsWith("inside-target"));
        fs.assertNoTemporaries();
    }

    private static FileSystemOperation operation(int i) {
        String dir = i % 2 == 0 ? "d" : "l";
        switch (i % 6 / 2) {
            case 0:
                return new Write(dir + "/f-" + (i % 10), bytes("write " + i));
            case 1:
                return new Append(dir + "/log", bytes(i + ","));
            default:
                return new CreateDirectory(dir + "/m-" + i, false);
        }
    }
}
