package dev.rt.sample;

import dev.rt.osl.fs.ErrorKind;

/** A document request the file service (or the catalog) refused, with the typed reason. */
final class DocumentRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind error;

    DocumentRejectedException(ErrorKind error, String message) {
        super(message);
        this.error = error;
    }

    /** @return why */
    ErrorKind error() {
        return error;
    }
}
