package dev.rt.osl.fs;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a {@link FileSystemOperation}: one of the success records, or a {@link Failure} with an
 * {@link ErrorKind}. Failure messages name only paths as the requester gave them (relative to the root),
 * never where anything lies on the host.
 */
public sealed interface FileSystemResult {

    /** @return whether the operation succeeded */
    default boolean isSuccess() {
        return !(this instanceof Failure);
    }

    /**
     * The result of a {@link FileSystemOperation.Read}.
     *
     * @param data the bytes read (copied)
     * @param fileSize the size of the whole file when it was read
     */
    record Content(byte[] data, long fileSize) implements FileSystemResult {

        /** Checks and copies the components. */
        public Content {
            data = Objects.requireNonNull(data, "data").clone();
        }

        /** @return a copy of the bytes read */
        @Override
        public byte[] data() {
            return data.clone();
        }

        /** @return how many bytes were read, without copying them */
        public int size() {
            return data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && fileSize == c.fileSize && Arrays.equals(data, c.data);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(fileSize) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Content[" + data.length + " bytes, fileSize=" + fileSize + "]";
        }
    }

    /**
     * The result of a {@link FileSystemOperation.Write} or {@link FileSystemOperation.Append}.
     *
     * @param bytes how many bytes were written
     * @param fileSize the file's size afterwards
     */
    record Written(long bytes, long fileSize) implements FileSystemResult {
    }

    /**
     * The result of a {@link FileSystemOperation.ListDirectory}.
     *
     * @param entries the entries, sorted by name
     */
    record Listing(List<FileEntry> entries) implements FileSystemResult {

        /** Copies the entries. */
        public Listing {
            entries = List.copyOf(entries);
        }
    }

    /**
     * The result of a {@link FileSystemOperation.Stat}.
     *
     * @param entry the file's metadata
     */
    record Metadata(FileEntry entry) implements FileSystemResult {

        /** Checks the component. */
        public Metadata {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * The result of the operations that return no data: delete file, create directory, delete
     * directory, move.
     *
     * @param affected how many entries were created, deleted or moved (0 when a recursive create found
     *        the directory already there)
     */
    record Done(long affected) implements FileSystemResult {
    }

    /**
     * A failed operation.
     *
     * @param kind why it failed
     * @param message what happened, for people; names only requested paths
     */
    record Failure(ErrorKind kind, String message) implements FileSystemResult {

        /** Checks the components. */
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
