package dev.rt.osl.fs;

/** The type of a directory entry. */
public enum FileType {
    /** A regular file. */
    FILE,
    /** A directory. */
    DIRECTORY,
    /** A symbolic link (only in listings; other operations follow links that stay inside the root). */
    SYMLINK,
    /** Anything else: device, FIFO, socket. */
    OTHER
}
