package dev.rt.osl.fs;

/** The kinds of {@link FileSystemOperation}, for audit events and counters. */
public enum OperationKind {
    /** {@link FileSystemOperation.Read}. */
    READ(false),
    /** {@link FileSystemOperation.Write}. */
    WRITE(true),
    /** {@link FileSystemOperation.Append}. */
    APPEND(true),
    /** {@link FileSystemOperation.DeleteFile}. */
    DELETE_FILE(true),
    /** {@link FileSystemOperation.ListDirectory}. */
    LIST_DIRECTORY(false),
    /** {@link FileSystemOperation.CreateDirectory}. */
    CREATE_DIRECTORY(true),
    /** {@link FileSystemOperation.DeleteDirectory}. */
    DELETE_DIRECTORY(true),
    /** {@link FileSystemOperation.Stat}. */
    STAT(false),
    /** {@link FileSystemOperation.Move}. */
    MOVE(true);

    private final boolean mutating;

    OperationKind(boolean mutating) {
        this.mutating = mutating;
    }

    /** @return whether the operation changes the file system (refused with {@code READ_ONLY} on a read-only service) */
    public boolean isMutating() {
        return mutating;
    }
}
