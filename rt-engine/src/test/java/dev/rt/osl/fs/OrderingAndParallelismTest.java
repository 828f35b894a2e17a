package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.LONG;
import static dev.rt.osl.fs.OslFixture.await;
import static dev.rt.osl.fs.OslFixture.bytes;
import static dev.rt.osl.fs.OslFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations on one path run in the order they were sent; operations on paths that hash to different
 * workers run at the same time. Proved with latches held by the audit listener (which runs on the
 * worker's thread, after the reply), not with timing.
 */
class OrderingAndParallelismTest {

    private static final int POOL = 4;

    @TempDir
    Path temp;

    private OslFixture fs;

    @BeforeEach
    void setUp() {
        fs = OslFixture.start(temp, b -> b.poolSize(POOL).syncWrites(false));
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    @Test
    void appendsToOnePathLandInTheOrderTheyWereSent() throws Exception {
        List<CompletableFuture<FileSystemResult.Written>> futures = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            // the same file under different spellings: routed by the normalised path
            String path = i % 3 == 0 ? "log.txt" : i % 3 == 1 ? "./log.txt" : "x/../log.txt";
            futures.add(fs.client.append(path, bytes(i + ",")));
            expected.append(i).append(',');
        }
        for (CompletableFuture<FileSystemResult.Written> f : futures) {
            await(f);
        }
        assertThat(Files.readString(fs.root.resolve("log.txt"))).isEqualTo(expected.toString());
    }

    @Test
    void eachReadSeesTheWriteSentJustBeforeIt() {
        List<CompletableFuture<FileSystemResult.Content>> reads = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            fs.client.write("value.txt", bytes("v" + i));
            reads.add(fs.client.read("value.txt"));
        }
        for (int i = 0; i < reads.size(); i++) {
            assertThat(text(await(reads.get(i)))).isEqualTo("v" + i);
        }
    }

    @Test
    void differentPathsRunInParallel() throws Exception {
        String[] paths = pathsOnDifferentWorkers(2);
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch secondIn = new CountDownLatch(1);
        CountDownLatch bothChecked = new CountDownLatch(2);
        AtomicBoolean firstSawSecond = new AtomicBoolean();
        AtomicBoolean secondSawFirst = new AtomicBoolean();
        fs.audit.also = event -> {
            try {
                if (event.path().equals(paths[0])) {
                    firstIn.countDown();
                    firstSawSecond.set(secondIn.await(LONG.toMillis(), TimeUnit.MILLISECONDS));
                    bothChecked.countDown();
                } else if (event.path().equals(paths[1])) {
                    secondIn.countDown();
                    secondSawFirst.set(firstIn.await(LONG.toMillis(), TimeUnit.MILLISECONDS));
                    bothChecked.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        await(fs.client.write(paths[0], bytes("a")));
        await(fs.client.write(paths[1], bytes("b")));
        assertThat(bothChecked.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        // each worker was inside its operation's handling while the other was: they ran at the same time
        assertThat(firstSawSecond).isTrue();
        assertThat(secondSawFirst).isTrue();
    }

    @Test
    void theNextOperationOnAPathWaitsForThePreviousOneWhileOtherPathsGoOn() throws Exception {
        String[] paths = pathsOnDifferentWorkers(2);
        String busy = paths[0];
        String other = paths[1];
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        fs.audit.also = event -> {
            if (event.path().equals(busy) && first.compareAndSet(true, false)) {
                held.countDown();
                try {
                    release.await(LONG.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        await(fs.client.write(busy, bytes("1")));              // replied; its worker now holds in the audit step
        assertThat(held.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        CompletableFuture<FileSystemResult.Written> second = fs.client.write(busy, bytes("2"));
        await(fs.client.write(other, bytes("x")));             // another worker serves another path meanwhile
        assertThat(second).isNotDone();                        // queued behind the first operation on its path
        release.countDown();
        await(second);
        assertThat(fs.root.resolve(busy)).hasContent("2");
    }

    @Test
    void routingIsStableAndSpreadsPathsOverThePool() {
        int[] counts = new int[POOL];
        for (int i = 0; i < 4000; i++) {
            String key = "dir/file-" + i;
            int index = PathRouting.workerIndex(key, POOL);
            assertThat(PathRouting.workerIndex(key, POOL)).isEqualTo(index);
            counts[index]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(800, 1200);
        }
        assertThat(RelativePath.routingKey("./a//b/../c")).isEqualTo("a/c");
        // rendezvous hashing: growing the pool only moves keys to the new worker
        for (int i = 0; i < 1000; i++) {
            String key = "k" + i;
            int before = PathRouting.workerIndex(key, POOL);
            int after = PathRouting.workerIndex(key, POOL + 1);
            assertThat(after).isIn(before, POOL);
        }
    }

    private static String[] pathsOnDifferentWorkers(int count) {
        String[] out = new String[count];
        boolean[] used = new boolean[POOL];
        int found = 0;
        for (int i = 0; found < count; i++) {
            String path = "p" + i + ".txt";
            int worker = PathRouting.workerIndex(path, POOL);
            if (!used[worker]) {
                used[worker] = true;
                out[found++] = path;
            }
        }
        return out;
    }
}
