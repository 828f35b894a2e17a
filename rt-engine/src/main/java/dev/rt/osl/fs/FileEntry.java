package dev.rt.osl.fs;

import java.time.Instant;
import java.util.Objects;

/**
 * A directory entry or the metadata of one file.
 *
 * @param name the entry's name (the last segment; {@code "."} for the root)
 * @param type its type
 * @param size its size in bytes (as the operating system reports it for directories and links)
 * @param modified when it was last modified
 */
public record FileEntry(String name, FileType type, long size, Instant modified) {

    /** Checks the components. */
    public FileEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(modified, "modified");
    }
}
