package dev.rt.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Makes a directory one the current user cannot write to: by its permissions for an ordinary user, and
 * with the immutable attribute ({@code chattr +i}) for root, whom permissions do not stop.
 */
final class NonWritableDirectory {

    private NonWritableDirectory() {
    }

    /** @return whether the directory is now not writable */
    static boolean lock(Path directory) throws IOException {
        if (isRoot()) {
            chattr("+i", directory);
        } else {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        return !Files.isWritable(directory);
    }

    /** Undoes {@link #lock}, so the test's temporary directory can be deleted. */
    static void unlock(Path directory) throws IOException {
        if (isRoot()) {
            chattr("-i", directory);
        } else {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chattr(String flag, Path path) throws IOException {
        Process process = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("chattr " + flag + " " + path + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running chattr", e);
        }
    }
}
