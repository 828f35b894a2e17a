package dev.rt.osl.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Carries out the operations on paths {@link Sandbox} resolved, through {@link DirHandle}s only: every
 * file is opened, created, renamed or deleted relative to a directory opened without following links.
 *
 * <ul>
 *   <li>A write goes to a temporary file created exclusively in the target's directory, is flushed (when
 *       configured), and renamed over the target in that same directory.</li>
 *   <li>A directory is created as a temporary directory directly in the root and renamed into its parent
 *       handle, so no {@code mkdir} ever runs on a path that a swapped link could redirect.</li>
 *   <li>After a write, an append, a created directory or a move, the parent handle is checked to still be
 *       the directory at the canonical path (same device and inode); if someone moved it out of the root
 *       meanwhile, the new entry is removed where possible and the reply is {@code OUTSIDE_ROOT}.</li>
 * </ul>
 */
final class FileOperations {

    /** How deep a recursive delete goes before it gives up. */
    static final int MAX_DELETE_DEPTH = 256;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final long maxFileSize;
    private final boolean syncWrites;
    private volatile Probe probe = (point, path) -> { };

    /**
     * A test seam: called at named points of an operation so a test can change the file system exactly
     * there (swap a link in after the check, move a directory away after it was opened). A no-op in
     * production.
     */
    @FunctionalInterface
    interface Probe {
        /**
         * @param point {@code "checked"} (after the sandbox, before any use) or {@code "opened"} (after
         *        the parent directory was opened, before an entry is created in it)
         * @param path the canonical path the operation works on
         */
        void at(String point, RelativePath path) throws IOException;
    }

    FileOperations(Path root, long maxFileSize, boolean syncWrites) {
        this.root = root;
        this.maxFileSize = maxFileSize;
        this.syncWrites = syncWrites;
    }

    void probe(Probe value) {
        this.probe = value;
    }

    void probe(String point, RelativePath path) {
        try {
            probe.at(point, path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ read

    FileSystemResult read(Resolved r, FileSystemOperation.Read op) throws FsFailure {
        requireFile(r);
        String name = r.canonical().name();
        try (DirHandle parent = DirHandle.open(root, r.canonical().parent())) {
            requireFileNow(parent, name, r.requested());
            try (SeekableByteChannel channel = parent.open(name, StandardOpenOption.READ)) {
                long size = channel.size();
                long start = Math.min(op.offset(), size);
                long available = size - start;
                long wanted = op.length() == FileSystemOperation.Read.TO_END ? available
                        : Math.min(op.length(), available);
                if (op.length() == FileSystemOperation.Read.TO_END ? size > maxFileSize : wanted > maxFileSize) {
                    throw new FsFailure(ErrorKind.TOO_LARGE, "'" + r.requested() + "' has " + size
                            + " bytes, more than the limit of " + maxFileSize + "; read a range");
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) wanted);
                channel.position(start);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // read until full or end of file (it may have shrunk)
                }
                byte[] data = buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
                return new FileSystemResult.Content(data, size);
            } catch (IOException e) {
                throw explainFile(parent, name, e, "cannot read", true);
            }
        }
    }

    // ------------------------------------------------------------------ write, append

    FileSystemResult write(Resolved r, byte[] data) throws FsFailure {
        requireSize(data.length, r.requested());
        requireWritableFile(r);
        String name = r.canonical().name();
        try (DirHandle parent = DirHandle.open(root, r.canonical().parent())) {
            requireFileOrNothingNow(parent, name, r.requested());
            probe("opened", r.canonical());
            String temp = tempName();
            try {
                try (SeekableByteChannel channel = parent.open(temp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    writeFully(channel, data);
                    if (syncWrites && channel instanceof FileChannel file) {
                        file.force(true);
                    }
                }
                parent.move(temp, parent, name);
            } catch (IOException e) {
                parent.deleteQuietly(temp);
                throw explainFile(parent, name, e, "cannot write", false);
            }
            if (!stillInPlace(parent)) {
                parent.deleteQuietly(name);
                throw moved(r.requested());
            }
            return new FileSystemResult.Written(data.length, data.length);
        }
    }

    FileSystemResult append(Resolved r, byte[] data) throws FsFailure {
        requireSize(data.length, r.requested());
        requireWritableFile(r);
        String name = r.canonical().name();
        try (DirHandle parent = DirHandle.open(root, r.canonical().parent())) {
            boolean creating = requireFileOrNothingNow(parent, name, r.requested());
            probe("opened", r.canonical());
            long size;
            try (SeekableByteChannel channel = parent.open(name, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                size = channel.size();
                if (size + data.length > maxFileSize) {
                    throw new FsFailure(ErrorKind.TOO_LARGE, "appending " + data.length + " bytes would make '"
                            + r.requested() + "' larger than the limit of " + maxFileSize + " bytes");
                }
                writeFully(channel, data);
                if (syncWrites && channel instanceof FileChannel file) {
                    file.force(false);
                }
            } catch (IOException e) {
                throw explainFile(parent, name, e, "cannot append to", false);
            }
            if (!stillInPlace(parent)) {
                if (creating) {
                    parent.deleteQuietly(name);
                }
                throw moved(r.requested());
            }
            return new FileSystemResult.Written(data.length, size + data.length);
        }
    }

    // ------------------------------------------------------------------ delete file

    FileSystemResult deleteFile(Resolved r) throws FsFailure {
        if (r.canonical().isRoot()) {
            throw new FsFailure(ErrorKind.NOT_A_FILE, "the root is a directory");
        }
        requireExists(r);
        if (r.attributes().isDirectory()) {
            throw new FsFailure(ErrorKind.NOT_A_FILE, "'" + r.requested() + "' is a directory; use DeleteDirectory");
        }
        String name = r.canonical().name();
        try (DirHandle parent = DirHandle.open(root, r.canonical().parent())) {
            BasicFileAttributes now = parent.lstat(name);
            if (now == null) {
                throw notFound(r.requested());
            }
            if (now.isDirectory()) {
                throw new FsFailure(ErrorKind.NOT_A_FILE, "'" + r.requested() + "' is a directory; use DeleteDirectory");
            }
            try {
                parent.deleteFile(name);
            } catch (IOException e) {
                throw parent.explain(name, e, "cannot delete", true);
            }
            return new FileSystemResult.Done(1);
        }
    }

    // ------------------------------------------------------------------ list, stat

    FileSystemResult list(Resolved r) throws FsFailure {
        requireExists(r);
        if (!r.attributes().isDirectory()) {
            throw new FsFailure(ErrorKind.NOT_A_DIRECTORY, "'" + r.requested() + "' is not a directory");
        }
        try (DirHandle dir = DirHandle.open(root, r.canonical())) {
            List<FileEntry> entries = new ArrayList<>();
            for (String name : dir.names()) {
                if (name.startsWith(RelativePath.RESERVED_PREFIX)) {
                    continue; // the service's own temporaries
                }
                BasicFileAttributes attributes = dir.lstat(name);
                if (attributes != null) {
                    entries.add(entry(name, attributes));
                }
            }
            entries.sort(Comparator.comparing(FileEntry::name));
            return new FileSystemResult.Listing(entries);
        }
    }

    FileSystemResult stat(Resolved r) throws FsFailure {
        requireExists(r);
        BasicFileAttributes attributes;
        if (r.canonical().isRoot()) {
            try (DirHandle dir = DirHandle.root(root)) {
                attributes = dir.attributes();
            }
        } else {
            try (DirHandle parent = DirHandle.open(root, r.canonical().parent())) {
                attributes = parent.lstat(r.canonical().name());
                if (attributes == null) {
                    throw notFound(r.requested());
                }
                if (attributes.isSymbolicLink()) {
                    throw new FsFailure(ErrorKind.OUTSIDE_ROOT, "a symbolic link appeared at '" + r.requested()
                            + "' during the operation");
                }
            }
        }
        return new FileSystemResult.Metadata(entry(r.requested().name(), attributes));
    }

    // ------------------------------------------------------------------ directories

    FileSystemResult createDirectory(Resolved r, boolean recursive) throws FsFailure {
        if (r.exists()) {
            if (r.attributes().isDirectory() && recursive) {
                return new FileSystemResult.Done(0);
            }
            throw new FsFailure(ErrorKind.ALREADY_EXISTS, "'" + r.requested() + "' already exists");
        }
        if (!recursive && !r.parentExists()) {
            throw parentMissing(r.requested());
        }
        List<String> names = r.canonical().segments();
        long created = 0;
        DirHandle dir = DirHandle.open(root, r.canonical().prefix(r.existingDepth()));
        try {
            for (int i = r.existingDepth(); i < names.size(); i++) {
                String name = names.get(i);
                if (makeDirectory(dir, name)) {
                    created++;
                } else if (!recursive) {
                    throw new FsFailure(ErrorKind.ALREADY_EXISTS, "'" + r.requested() + "' already exists");
                }
                if (!stillInPlace(dir)) {
                    try {
                        dir.deleteDirectory(name);
                    } catch (IOException | RuntimeException ignored) {
                        // best effort
                    }
                    throw moved(r.requested());
                }
                DirHandle next = dir.child(name);
                dir.close();
                dir = next;
            }
        } finally {
            dir.close();
        }
        return new FileSystemResult.Done(created);
    }

    /**
     * Creates {@code name} in {@code parent}: a fresh temporary directory directly in the root, renamed
     * into the parent handle. Falls back to a plain {@code mkdir} (checked afterwards through the handle)
     * only when the parent is on another file system than the root.
     *
     * @return {@code true} if created, {@code false} if a directory was already there
     */
    private boolean makeDirectory(DirHandle parent, String name) throws FsFailure {
        RelativePath shown = parent.where().child(name);
        BasicFileAttributes existing = parent.lstat(name);
        if (existing != null) {
            if (existing.isDirectory()) {
                return false;
            }
            if (existing.isSymbolicLink()) {
                throw new FsFailure(ErrorKind.OUTSIDE_ROOT, "a symbolic link appeared at '" + shown
                        + "' during the operation");
            }
            throw new FsFailure(ErrorKind.ALREADY_EXISTS, "a file exists at '" + shown + "'");
        }
        probe("opened", shown);
        String temp = tempName();
        try (DirHandle rootDir = DirHandle.root(root)) {
            try {
                Files.createDirectory(root.resolve(temp));
            } catch (IOException e) {
                throw IoErrors.of("cannot create directory '" + shown + "'", e);
            }
            try {
                rootDir.move(temp, parent, name);
                return true;
            } catch (AtomicMoveNotSupportedException crossDevice) {
                deleteDirectoryQuietly(rootDir, temp);
                return makeDirectoryInPlace(parent, name, shown);
            } catch (IOException e) {
                deleteDirectoryQuietly(rootDir, temp);
                BasicFileAttributes now = parent.lstat(name);
                if (now != null && now.isDirectory()) {
                    return false;
                }
                throw parent.explain(name, e, "cannot create directory", false);
            }
        }
    }

    private boolean makeDirectoryInPlace(DirHandle parent, String name, RelativePath shown) throws FsFailure {
        try {
            Files.createDirectory(root.resolve(shown.toString()));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // checked below
        } catch (IOException e) {
            throw IoErrors.of("cannot create directory '" + shown + "'", e);
        }
        BasicFileAttributes now = parent.lstat(name);
        if (now == null || !now.isDirectory()) {
            throw new FsFailure(ErrorKind.OUTSIDE_ROOT, "the path of '" + shown + "' changed during the operation");
        }
        return true;
    }

    FileSystemResult deleteDirectory(Resolved r, boolean recursive) throws FsFailure {
        if (r.canonical().isRoot()) {
            throw new FsFailure(ErrorKind.INVALID_PATH, "the root cannot be deleted");
        }
        requireExists(r);
        if (r.attributes().isSymbolicLink()) {
            throw new FsFailure(ErrorKind.NOT_A_DIRECTORY, "'" + r.requested()
                    + "' is a symbolic link; use DeleteFile");
        }
        if (!r.attributes().isDirectory()) {
            throw new FsFailure(ErrorKind.NOT_A_DIRECTORY, "'" + r.requested() + "' is not a directory");
        }
        String name = r.canonical().name();
        try (DirHandle parent = DirHandle.open(root, r.canonical().parent())) {
            long deleted = 0;
            if (recursive) {
                try (DirHandle dir = parent.child(name)) {
                    deleted = deleteContents(dir, 1);
                }
            }
            try {
                parent.deleteDirectory(name);
            } catch (DirectoryNotEmptyException e) {
                throw notEmpty(r.requested());
            } catch (IOException e) {
                if (hasEntries(parent, name)) {
                    throw notEmpty(r.requested());
                }
                throw parent.explain(name, e, "cannot delete directory", true);
            }
            return new FileSystemResult.Done(deleted + 1);
        }
    }

    private long deleteContents(DirHandle dir, int depth) throws FsFailure {
        if (depth > MAX_DELETE_DEPTH) {
            throw new FsFailure(ErrorKind.IO_ERROR, "'" + dir.where() + "' is nested more than "
                    + MAX_DELETE_DEPTH + " levels deep; delete it in parts");
        }
        long deleted = 0;
        for (String name : dir.names()) {
            BasicFileAttributes attributes = dir.lstat(name);
            if (attributes == null) {
                continue;
            }
            try {
                if (attributes.isDirectory()) {
                    try (DirHandle child = dir.child(name)) {
                        deleted += deleteContents(child, depth + 1);
                    }
                    dir.deleteDirectory(name);
                } else {
                    dir.deleteFile(name); // a link is removed itself, never followed
                }
                deleted++;
            } catch (IOException e) {
                throw dir.explain(name, e, "cannot delete", true);
            }
        }
        return deleted;
    }

    private static boolean hasEntries(DirHandle parent, String name) {
        try (DirHandle dir = parent.child(name)) {
            return !dir.names().isEmpty();
        } catch (FsFailure | RuntimeException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ move

    FileSystemResult move(Resolved source, Resolved target, boolean replaceExisting) throws FsFailure {
        if (source.canonical().isRoot()) {
            throw new FsFailure(ErrorKind.INVALID_PATH, "the root cannot be moved");
        }
        requireExists(source);
        if (target.canonical().isRoot()) {
            throw new FsFailure(ErrorKind.ALREADY_EXISTS, "the target is the root");
        }
        if (!target.parentExists()) {
            throw parentMissing(target.requested());
        }
        if (source.canonical().equals(target.canonical())) {
            return new FileSystemResult.Done(0);
        }
        boolean directory = source.attributes().isDirectory();
        if (directory && source.canonical().contains(target.canonical())) {
            throw new FsFailure(ErrorKind.INVALID_PATH, "cannot move '" + source.requested() + "' into itself");
        }
        String from = source.canonical().name();
        String to = target.canonical().name();
        try (DirHandle sourceDir = DirHandle.open(root, source.canonical().parent());
                DirHandle targetDir = DirHandle.open(root, target.canonical().parent())) {
            if (sourceDir.lstat(from) == null) {
                throw notFound(source.requested());
            }
            BasicFileAttributes existing = targetDir.lstat(to);
            if (existing != null && (!replaceExisting || directory || existing.isDirectory())) {
                throw new FsFailure(ErrorKind.ALREADY_EXISTS, "the target '" + target.requested() + "' already exists");
            }
            try {
                sourceDir.move(from, targetDir, to);
            } catch (IOException e) {
                throw sourceDir.explain(from, e, "cannot move", true);
            }
            if (!stillInPlace(targetDir)) {
                throw moved(target.requested());
            }
            return new FileSystemResult.Done(1);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** @return whether {@code dir} is still the directory at its canonical path under the root */
    private boolean stillInPlace(DirHandle dir) {
        try (DirHandle again = DirHandle.open(root, dir.where())) {
            Object expected = dir.attributes().fileKey();
            return expected != null && expected.equals(again.attributes().fileKey());
        } catch (FsFailure | RuntimeException e) {
            return false;
        }
    }

    private void requireSize(long size, RelativePath path) throws FsFailure {
        if (size > maxFileSize) {
            throw new FsFailure(ErrorKind.TOO_LARGE, size + " bytes for '" + path + "' exceed the limit of "
                    + maxFileSize + " bytes");
        }
    }

    private static void requireExists(Resolved r) throws FsFailure {
        if (!r.exists()) {
            throw notFound(r.requested());
        }
    }

    private static void requireFile(Resolved r) throws FsFailure {
        requireExists(r);
        if (r.attributes().isDirectory()) {
            throw new FsFailure(ErrorKind.NOT_A_FILE, "'" + r.requested() + "' is a directory");
        }
        if (!r.attributes().isRegularFile()) {
            throw new FsFailure(ErrorKind.NOT_A_FILE, "'" + r.requested() + "' is not a regular file");
        }
    }

    private static void requireWritableFile(Resolved r) throws FsFailure {
        if (r.canonical().isRoot()) {
            throw new FsFailure(ErrorKind.NOT_A_FILE, "the root is a directory");
        }
        if (!r.parentExists()) {
            throw parentMissing(r.requested());
        }
        if (r.exists()) {
            requireFile(r);
        }
    }

    private static void requireFileNow(DirHandle parent, String name, RelativePath shown) throws FsFailure {
        BasicFileAttributes now = parent.lstat(name);
        if (now == null) {
            throw notFound(shown);
        }
        checkFileType(now, shown);
    }

    /** @return whether nothing is there yet (the operation will create the file) */
    private static boolean requireFileOrNothingNow(DirHandle parent, String name, RelativePath shown)
            throws FsFailure {
        BasicFileAttributes now = parent.lstat(name);
        if (now != null) {
            checkFileType(now, shown);
        }
        return now == null;
    }

    private static void checkFileType(BasicFileAttributes now, RelativePath shown) throws FsFailure {
        if (now.isSymbolicLink()) {
            throw new FsFailure(ErrorKind.OUTSIDE_ROOT, "a symbolic link appeared at '" + shown
                    + "' during the operation");
        }
        if (now.isDirectory()) {
            throw new FsFailure(ErrorKind.NOT_A_FILE, "'" + shown + "' is a directory");
        }
        if (!now.isRegularFile()) {
            throw new FsFailure(ErrorKind.NOT_A_FILE, "'" + shown + "' is not a regular file");
        }
    }

    private static FsFailure explainFile(DirHandle parent, String name, IOException e, String what, boolean existed) {
        FsFailure failure = parent.explain(name, e, what, existed);
        if (failure.kind() != ErrorKind.IO_ERROR) {
            return failure;
        }
        try {
            BasicFileAttributes now = parent.lstat(name);
            if (now != null && now.isDirectory()) {
                return new FsFailure(ErrorKind.NOT_A_FILE, "'" + parent.where().child(name) + "' is a directory");
            }
        } catch (FsFailure ignored) {
            // keep the IO error
        }
        return failure;
    }

    private static void writeFully(SeekableByteChannel channel, byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void deleteDirectoryQuietly(DirHandle dir, String name) {
        try {
            dir.deleteDirectory(name);
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    static String tempName() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return RelativePath.RESERVED_PREFIX + HexFormat.of().formatHex(random);
    }

    static FileEntry entry(String name, BasicFileAttributes attributes) {
        FileType type = attributes.isSymbolicLink() ? FileType.SYMLINK
                : attributes.isDirectory() ? FileType.DIRECTORY
                : attributes.isRegularFile() ? FileType.FILE
                : FileType.OTHER;
        return new FileEntry(name, type, attributes.size(), attributes.lastModifiedTime().toInstant());
    }

    private static FsFailure notFound(RelativePath path) {
        return new FsFailure(ErrorKind.NOT_FOUND, "'" + path + "' does not exist");
    }

    private static FsFailure parentMissing(RelativePath path) {
        return new FsFailure(ErrorKind.NOT_FOUND, "the parent directory of '" + path + "' does not exist");
    }

    private static FsFailure notEmpty(RelativePath path) {
        return new FsFailure(ErrorKind.NOT_EMPTY, "'" + path + "' is not empty; delete it with recursive");
    }

    private static FsFailure moved(RelativePath path) {
        return new FsFailure(ErrorKind.OUTSIDE_ROOT, "the directory of '" + path
                + "' was moved during the operation");
    }
}
