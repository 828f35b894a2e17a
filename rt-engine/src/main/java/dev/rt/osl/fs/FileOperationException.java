package dev.rt.osl.fs;

import dev.rt.RtException;

/** How a {@link FileSystemClient} future fails when the operation failed: carries the {@link ErrorKind}. */
public final class FileOperationException extends RtException {

    private static final long serialVersionUID = 1L;

    private final transient FileSystemResult.Failure failure;

    /**
     * @param failure the failed result
     */
    public FileOperationException(FileSystemResult.Failure failure) {
        super(failure.kind() + ": " + failure.message());
        this.failure = failure;
    }

    /** @return why the operation failed */
    public ErrorKind kind() {
        return failure.kind();
    }

    /** @return the failed result */
    public FileSystemResult.Failure failure() {
        return failure;
    }
}
