package dev.rt.osl.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An open directory, and operations relative to it that never follow a symbolic link: the
 * {@code openat}/{@code unlinkat}/{@code renameat} family behind {@link SecureDirectoryStream}. A path is
 * walked from the root one name at a time, each opened with {@code O_NOFOLLOW}, so a link swapped in
 * after {@link Sandbox} checked the path makes the walk fail instead of leading outside; a file is
 * opened, created, renamed or deleted by name inside the directory it was checked in.
 */
final class DirHandle implements Closeable {

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final SecureDirectoryStream<Path> stream;
    private final RelativePath where;

    private DirHandle(SecureDirectoryStream<Path> stream, RelativePath where) {
        this.stream = stream;
        this.where = where;
    }

    /**
     * @param root the real root
     * @return whether this platform has secure directory streams (Linux and other Unix systems do)
     */
    static boolean supported(Path root) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
            return stream instanceof SecureDirectoryStream;
        }
    }

    /** Opens the root itself. */
    static DirHandle root(Path root) throws FsFailure {
        try {
            DirectoryStream<Path> stream = Files.newDirectoryStream(root);
            if (stream instanceof SecureDirectoryStream<Path> secure) {
                return new DirHandle(secure, RelativePath.ROOT);
            }
            stream.close();
            throw new FsFailure(ErrorKind.IO_ERROR, "this platform has no secure directory streams");
        } catch (IOException e) {
            throw IoErrors.of("cannot open the root directory", e);
        }
    }

    /**
     * Opens a directory by walking from the root, following no link.
     *
     * @param root the real root
     * @param path the canonical path of the directory
     * @return the open directory
     * @throws FsFailure {@code OUTSIDE_ROOT} if a link appeared on the way, {@code NOT_FOUND},
     *         {@code NOT_A_DIRECTORY}, {@code IO_ERROR}
     */
    static DirHandle open(Path root, RelativePath path) throws FsFailure {
        DirHandle dir = root(root);
        try {
            for (String name : path.segments()) {
                DirHandle next = dir.child(name);
                dir.close();
                dir = next;
            }
            return dir;
        } catch (FsFailure | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /** @return where this directory was opened, relative to the root */
    RelativePath where() {
        return where;
    }

    /** Opens a subdirectory without following a link. */
    DirHandle child(String name) throws FsFailure {
        try {
            return new DirHandle(stream.newDirectoryStream(Path.of(name), NO_FOLLOW), where.child(name));
        } catch (IOException e) {
            throw explain(name, e, "cannot open directory", true);
        }
    }

    /** @return the entry's attributes without following a link, or {@code null} if there is none */
    BasicFileAttributes lstat(String name) throws FsFailure {
        try {
            return stream.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NO_FOLLOW)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoErrors.of("cannot check '" + where.child(name) + "'", e);
        }
    }

    /** @return this directory's own attributes (of the open directory, wherever it is now) */
    BasicFileAttributes attributes() throws FsFailure {
        try {
            return stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
        } catch (IOException e) {
            throw IoErrors.of("cannot check '" + where + "'", e);
        }
    }

    /** Opens or creates a file in this directory; never follows a link. */
    SeekableByteChannel open(String name, OpenOption... options) throws IOException {
        Set<OpenOption> set = new HashSet<>(List.of(options));
        set.add(LinkOption.NOFOLLOW_LINKS);
        return stream.newByteChannel(Path.of(name), set);
    }

    /** Deletes a file or link ({@code unlinkat}). */
    void deleteFile(String name) throws IOException {
        stream.deleteFile(Path.of(name));
    }

    /** Deletes an empty directory ({@code unlinkat} with {@code AT_REMOVEDIR}). */
    void deleteDirectory(String name) throws IOException {
        stream.deleteDirectory(Path.of(name));
    }

    /** Renames an entry of this directory into {@code target} ({@code renameat}); replaces what is there. */
    void move(String name, DirHandle target, String targetName) throws IOException {
        stream.move(Path.of(name), target.stream, Path.of(targetName));
    }

    /** Deletes a file, ignoring failures (cleanup of temporaries). */
    void deleteQuietly(String name) {
        try {
            stream.deleteFile(Path.of(name));
        } catch (IOException | RuntimeException ignored) {
            // nothing more to do
        }
    }

    /** @return the names in this directory; a handle can be listed once */
    List<String> names() throws FsFailure {
        List<String> names = new ArrayList<>();
        try {
            for (Path entry : stream) {
                names.add(entry.getFileName().toString());
            }
        } catch (RuntimeException e) { // DirectoryIteratorException wraps the IOException
            throw new FsFailure(ErrorKind.IO_ERROR, "cannot list '" + where + "': "
                    + (e.getCause() instanceof IOException io ? IoErrors.reason(io) : e.getClass().getSimpleName()));
        }
        return names;
    }

    /**
     * Explains why an operation on an entry failed by looking at what is there now: a symbolic link means
     * one was swapped in after the check ({@code OUTSIDE_ROOT}); an entry that existed and is gone, or a
     * directory that is gone, is {@code NOT_FOUND}; a non-directory where a directory was opened is
     * {@code NOT_A_DIRECTORY}; anything else is the operating system's {@code IO_ERROR}.
     *
     * @param name the entry
     * @param e the failure
     * @param what what was being done
     * @param existed whether the entry existed when the operation began (so its absence now means it changed)
     * @return the typed failure
     */
    FsFailure explain(String name, IOException e, String what, boolean existed) {
        RelativePath shown = where.child(name);
        BasicFileAttributes now = null;
        try {
            now = lstat(name);
        } catch (FsFailure ignored) {
            // judge by the exception alone
        }
        if ((now != null && now.isSymbolicLink()) || IoErrors.isSymbolicLinkRefusal(e)) {
            return new FsFailure(ErrorKind.OUTSIDE_ROOT, "a symbolic link appeared at '" + shown
                    + "' during the operation");
        }
        if (existed && now == null) {
            return new FsFailure(ErrorKind.NOT_FOUND, "'" + shown + "' changed during the operation and is gone");
        }
        if (e instanceof NoSuchFileException) {
            return new FsFailure(ErrorKind.NOT_FOUND, "the directory of '" + shown + "' is gone");
        }
        if (e instanceof NotDirectoryException) {
            return new FsFailure(ErrorKind.NOT_A_DIRECTORY, "'" + shown + "' is not a directory");
        }
        return IoErrors.of(what + " '" + shown + "'", e);
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing a directory stream does not fail in a way that matters here
        }
    }
}
