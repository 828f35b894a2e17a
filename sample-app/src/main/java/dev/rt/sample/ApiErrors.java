package dev.rt.sample;

import dev.rt.AskTimeoutException;
import dev.rt.RtException;
import dev.rt.osl.fs.ErrorKind;
import dev.rt.osl.fs.FileOperationException;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns refusals into HTTP errors with an RFC 9457 problem body. The typed errors of the file service
 * map to statuses ({@link #status(ErrorKind)}), and the body names the kind in {@code error}. Spring
 * MVC's own errors (a missing header or parameter, an unsupported content type) get the same body: the
 * base class makes the problem, {@link #createResponseEntity} adds {@code error}, named after the status.
 */
@RestControllerAdvice
final class ApiErrors extends ResponseEntityExceptionHandler {

    /**
     * @param kind a file service error
     * @return the HTTP status it means for a client
     */
    static HttpStatus status(ErrorKind kind) {
        return switch (kind) {
            case OUTSIDE_ROOT, INVALID_PATH, NOT_A_FILE, NOT_A_DIRECTORY -> HttpStatus.BAD_REQUEST;
            case ACCESS_DENIED, READ_ONLY -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS, NOT_EMPTY -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case IO_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    @ExceptionHandler(DocumentRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(DocumentRejectedException e) {
        return problem(status(e.error()), e.error().name(), e.getMessage());
    }

    @ExceptionHandler(FileOperationException.class)
    ResponseEntity<ProblemDetail> fileOperation(FileOperationException e) {
        return problem(status(e.kind()), e.kind().name(), e.failure().message());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "BAD_REQUEST", e.getMessage());
    }

    @ExceptionHandler(AskTimeoutException.class)
    ResponseEntity<ProblemDetail> timeout(AskTimeoutException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "TIMEOUT", "no answer in time: " + e.getMessage());
    }

    /** Any other runtime failure (a stopped actor, a full mailbox): try again later. */
    @ExceptionHandler(RtException.class)
    ResponseEntity<ProblemDetail> runtime(RtException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", e.getMessage());
    }

    /** A future that failed inside a chain of stages: handle its cause. */
    @ExceptionHandler(CompletionException.class)
    ResponseEntity<ProblemDetail> completion(CompletionException e) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof DocumentRejectedException rejected) {
            return rejected(rejected);
        } else if (cause instanceof FileOperationException failed) {
            return fileOperation(failed);
        } else if (cause instanceof IllegalArgumentException bad) {
            return badArgument(bad);
        } else if (cause instanceof AskTimeoutException timedOut) {
            return timeout(timedOut);
        } else if (cause instanceof RtException other) {
            return runtime(other);
        }
        throw cause instanceof Exception exception ? exception : e;
    }

    /** Spring MVC's own errors: the same body as ours, {@code error} named after the status (BAD_REQUEST). */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            problem.setProperty("error", status != null ? status.name() : String.valueOf(statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String error, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("error", error);
        return ResponseEntity.status(status).body(problem);
    }
}
