package dev.rt.osl.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** Turns operating-system exceptions into messages that never contain a host path. */
final class IoErrors {

    private IoErrors() {
    }

    /**
     * @param what what was being done, with requested paths only
     * @param e the failure
     * @return an {@code IO_ERROR}
     */
    static FsFailure of(String what, IOException e) {
        return new FsFailure(ErrorKind.IO_ERROR, what + ": " + reason(e));
    }

    /**
     * Every open here uses {@code O_NOFOLLOW}, so {@code ELOOP} means the name was a symbolic link at that
     * instant, even if it is gone again when we look. The JDK reports it as a plain
     * {@link FileSystemException} whose reason it extends with a fixed English suffix (17 to 25).
     *
     * @param e a failed open
     * @return whether it was refused because the name is a symbolic link
     */
    static boolean isSymbolicLinkRefusal(IOException e) {
        if (!(e instanceof FileSystemException fse) || fse.getReason() == null) {
            return false;
        }
        String reason = fse.getReason();
        return reason.endsWith("unable to access attributes of symbolic link")
                || reason.startsWith("Too many levels of symbolic links");
    }

    /** @return the operating system's reason ("Permission denied"), without the file names Java adds */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied by the operating system";
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason == null || reason.isBlank() || reason.indexOf('/') >= 0) {
            return e.getClass().getSimpleName();
        }
        return reason;
    }
}
