package dev.rt.osl.fs;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link FileSystemRequest} asks for: immutable, cloneable-by-sharing values (layer 1 of ADR-RT-008).
 *
 * <p>Paths are strings relative to the service's root, with {@code /} as the only separator. They are
 * treated as hostile: see {@link OslFileSystem} for how they are checked. Byte arrays are copied on the
 * way in and on the way out, so an operation never changes after it was built.
 */
public sealed interface FileSystemOperation {

    /** @return the path the operation works on (for a {@link Move}, its source); requests are routed by it */
    String path();

    /** @return the kind of operation */
    OperationKind kind();

    /**
     * @param path the file
     * @return a read of the whole file
     */
    static Read read(String path) {
        return new Read(path, 0, Read.TO_END);
    }

    /**
     * @param path the file
     * @param offset the first byte to read, {@code >= 0}
     * @param length how many bytes at most, {@code >= 0}, or {@link Read#TO_END}
     * @return a read of a range of the file
     */
    static Read read(String path, long offset, long length) {
        return new Read(path, offset, length);
    }

    /**
     * Reads a file, whole or a range. Needs {@link Permission#READ}.
     *
     * @param path the file
     * @param offset the first byte, {@code >= 0}; past the end gives empty content
     * @param length at most this many bytes, or {@link #TO_END}
     */
    record Read(String path, long offset, long length) implements FileSystemOperation {

        /** A {@code length} that reads to the end of the file. */
        public static final long TO_END = -1;

        /** Checks the components. */
        public Read {
            Objects.requireNonNull(path, "path");
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0, was " + offset);
            }
            if (length < TO_END) {
                throw new IllegalArgumentException("length must be >= 0 or TO_END, was " + length);
            }
        }

        /** @return whether this reads the whole file */
        public boolean isWhole() {
            return offset == 0 && length == TO_END;
        }

        @Override
        public OperationKind kind() {
            return OperationKind.READ;
        }
    }

    /**
     * Creates or replaces a file atomically: the data goes to a temporary file in the same directory that
     * is then renamed over the target, so readers see the old content or the new, never a part. The
     * parent directory must exist. Needs {@link Permission#WRITE}.
     *
     * @param path the file
     * @param data the new content (copied)
     */
    record Write(String path, byte[] data) implements FileSystemOperation {

        /** Checks and copies the components. */
        public Write {
            Objects.requireNonNull(path, "path");
            data = Objects.requireNonNull(data, "data").clone();
        }

        /** @return a copy of the data */
        @Override
        public byte[] data() {
            return data.clone();
        }

        /** @return the number of bytes, without copying them */
        public int size() {
            return data.length;
        }

        @Override
        public OperationKind kind() {
            return OperationKind.WRITE;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Write w && path.equals(w.path) && Arrays.equals(data, w.data);
        }

        @Override
        public int hashCode() {
            return 31 * path.hashCode() + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Write[path=" + path + ", " + data.length + " bytes]";
        }
    }

    /**
     * Appends to a file, creating it if it does not exist; its parent must exist. Needs {@link Permission#WRITE}.
     *
     * @param path the file
     * @param data the bytes to append (copied)
     */
    record Append(String path, byte[] data) implements FileSystemOperation {

        /** Checks and copies the components. */
        public Append {
            Objects.requireNonNull(path, "path");
            data = Objects.requireNonNull(data, "data").clone();
        }

        /** @return a copy of the data */
        @Override
        public byte[] data() {
            return data.clone();
        }

        /** @return the number of bytes, without copying them */
        public int size() {
            return data.length;
        }

        @Override
        public OperationKind kind() {
            return OperationKind.APPEND;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Append a && path.equals(a.path) && Arrays.equals(data, a.data);
        }

        @Override
        public int hashCode() {
            return 31 * path.hashCode() + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Append[path=" + path + ", " + data.length + " bytes]";
        }
    }

    /**
     * Deletes a file, or a symbolic link itself (never what it points to). Needs {@link Permission#DELETE}.
     *
     * @param path the file
     */
    record DeleteFile(String path) implements FileSystemOperation {

        /** Checks the component. */
        public DeleteFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public OperationKind kind() {
            return OperationKind.DELETE_FILE;
        }
    }

    /**
     * Lists a directory: name, type, size and modification time of each entry, sorted by name. Needs
     * {@link Permission#LIST}.
     *
     * @param path the directory ({@code "."} for the root)
     */
    record ListDirectory(String path) implements FileSystemOperation {

        /** Checks the component. */
        public ListDirectory {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public OperationKind kind() {
            return OperationKind.LIST_DIRECTORY;
        }
    }

    /**
     * Creates a directory. Without {@code recursive} the parent must exist and the directory must not;
     * with it, missing parents are created and an existing directory is fine. Needs {@link Permission#WRITE}.
     *
     * @param path the directory
     * @param recursive whether to create missing parents (like {@code mkdir -p})
     */
    record CreateDirectory(String path, boolean recursive) implements FileSystemOperation {

        /** Checks the component. */
        public CreateDirectory {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public OperationKind kind() {
            return OperationKind.CREATE_DIRECTORY;
        }
    }

    /**
     * Deletes a directory; without {@code recursive} it must be empty. A recursive delete removes
     * symbolic links inside it without following them. Needs {@link Permission#DELETE}.
     *
     * @param path the directory (not the root)
     * @param recursive whether to delete its content too
     */
    record DeleteDirectory(String path, boolean recursive) implements FileSystemOperation {

        /** Checks the component. */
        public DeleteDirectory {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public OperationKind kind() {
            return OperationKind.DELETE_DIRECTORY;
        }
    }

    /**
     * Reads the metadata of a file or directory. Needs {@link Permission#READ}.
     *
     * @param path the file or directory
     */
    record Stat(String path) implements FileSystemOperation {

        /** Checks the component. */
        public Stat {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public OperationKind kind() {
            return OperationKind.STAT;
        }
    }

    /**
     * Moves or renames a file or directory inside the root (one atomic rename). Needs
     * {@link Permission#DELETE} on the source and {@link Permission#WRITE} on the target. A symbolic
     * link as source is moved itself. Requests are routed (and ordered) by the source path.
     *
     * @param source what to move
     * @param target where to; its parent must exist
     * @param replaceExisting whether an existing file (not a directory) at the target may be replaced
     */
    record Move(String source, String target, boolean replaceExisting) implements FileSystemOperation {

        /** Checks the components. */
        public Move {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String path() {
            return source;
        }

        @Override
        public OperationKind kind() {
            return OperationKind.MOVE;
        }
    }
}
