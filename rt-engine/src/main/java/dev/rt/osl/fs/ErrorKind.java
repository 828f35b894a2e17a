package dev.rt.osl.fs;

/** Why a file-system operation failed. Every failure is a reply with one of these kinds, never a crash. */
public enum ErrorKind {
    /** The file or directory does not exist (or is a broken symbolic link inside the root). */
    NOT_FOUND,
    /** The access rules do not give the principal the permission the operation needs. */
    ACCESS_DENIED,
    /** The path is absolute, climbs above the root with {@code ..}, or goes through a symbolic link that leads outside the root. */
    OUTSIDE_ROOT,
    /** Something already exists where the operation would create it. */
    ALREADY_EXISTS,
    /** A directory to delete without {@code recursive} still has entries. */
    NOT_EMPTY,
    /** The operation needs a regular file and found a directory or another kind of file. */
    NOT_A_FILE,
    /** The operation needs a directory (or a parent on the path is not one). */
    NOT_A_DIRECTORY,
    /** The data or the file is larger than the configured maximum file size. */
    TOO_LARGE,
    /** The path is empty, contains a NUL or a backslash, is not valid Unicode, or a name or the whole path is too long. */
    INVALID_PATH,
    /** The service is read-only and the operation would change something. */
    READ_ONLY,
    /** The operating system reported a failure (permission, device, unexpected state). */
    IO_ERROR
}
