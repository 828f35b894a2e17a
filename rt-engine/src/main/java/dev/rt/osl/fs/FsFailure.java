package dev.rt.osl.fs;

/** A typed failure inside the service, turned into a {@link FileSystemResult.Failure} reply. Cheap: no stack trace. */
final class FsFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    FsFailure(ErrorKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    ErrorKind kind() {
        return kind;
    }

    FileSystemResult.Failure toResult() {
        return new FileSystemResult.Failure(kind, getMessage());
    }
}
