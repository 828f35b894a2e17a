package dev.rt.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rt.ActorStoppedException;
import dev.rt.AskTimeoutException;
import dev.rt.osl.fs.ErrorKind;
import dev.rt.osl.fs.FileOperationException;
import dev.rt.osl.fs.FileSystemResult;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Every error the API can meet, mapped to its HTTP status and problem body, including those HTTP cannot reach. */
class ApiErrorsTests {

    private final ApiErrors errors = new ApiErrors();

    @Test
    void everyFileServiceErrorHasItsStatus() {
        Map<ErrorKind, HttpStatus> expected = new EnumMap<>(ErrorKind.class);
        expected.put(ErrorKind.NOT_FOUND, HttpStatus.NOT_FOUND);
        expected.put(ErrorKind.ACCESS_DENIED, HttpStatus.FORBIDDEN);
        expected.put(ErrorKind.READ_ONLY, HttpStatus.FORBIDDEN);
        expected.put(ErrorKind.OUTSIDE_ROOT, HttpStatus.BAD_REQUEST);
        expected.put(ErrorKind.INVALID_PATH, HttpStatus.BAD_REQUEST);
        expected.put(ErrorKind.NOT_A_FILE, HttpStatus.BAD_REQUEST);
        expected.put(ErrorKind.NOT_A_DIRECTORY, HttpStatus.BAD_REQUEST);
        expected.put(ErrorKind.ALREADY_EXISTS, HttpStatus.CONFLICT);
        expected.put(ErrorKind.NOT_EMPTY, HttpStatus.CONFLICT);
        expected.put(ErrorKind.TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE);
        expected.put(ErrorKind.IO_ERROR, HttpStatus.INTERNAL_SERVER_ERROR);
        // a kind added to the engine must be added here, with the status it means
        assertThat(expected.keySet()).isEqualTo(EnumSet.allOf(ErrorKind.class));

        expected.forEach((kind, status) -> {
            assertThat(ApiErrors.status(kind)).as(kind.name()).isEqualTo(status);
            assertProblem(errors.rejected(new DocumentRejectedException(kind, "rejected: " + kind)), status, kind.name(),
                    "rejected: " + kind);
            assertProblem(errors.fileOperation(failure(kind)), status, kind.name(), "failed: " + kind);
        });
    }

    @Test
    void aTimeoutAndAStoppedActorMeanTryAgainLater() {
        assertProblem(errors.timeout(new AskTimeoutException("no reply within PT2S")), HttpStatus.SERVICE_UNAVAILABLE,
                "TIMEOUT", "no answer in time: no reply within PT2S");
        assertProblem(errors.runtime(new ActorStoppedException("catalog stopped")), HttpStatus.SERVICE_UNAVAILABLE,
                "UNAVAILABLE", "catalog stopped");
    }

    @Test
    void aFailedFutureIsMappedByItsCause() throws Exception {
        assertProblem(errors.completion(new CompletionException(failure(ErrorKind.NOT_A_DIRECTORY))),
                HttpStatus.BAD_REQUEST, "NOT_A_DIRECTORY", "failed: NOT_A_DIRECTORY");
        assertProblem(errors.completion(new CompletionException(new DocumentRejectedException(ErrorKind.READ_ONLY,
                "read-only"))), HttpStatus.FORBIDDEN, "READ_ONLY", "read-only");
        assertProblem(errors.completion(new CompletionException(new AskTimeoutException("late"))),
                HttpStatus.SERVICE_UNAVAILABLE, "TIMEOUT", "no answer in time: late");
        assertProblem(errors.completion(new CompletionException(new ActorStoppedException("gone"))),
                HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE", "gone");
        assertProblem(errors.completion(new CompletionException(new IllegalArgumentException("bad"))),
                HttpStatus.BAD_REQUEST, "BAD_REQUEST", "bad");
    }

    private static FileOperationException failure(ErrorKind kind) {
        return new FileOperationException(new FileSystemResult.Failure(kind, "failed: " + kind));
    }

    private static void assertProblem(ResponseEntity<ProblemDetail> response, HttpStatus status, String error,
                                      String detail) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        ProblemDetail problem = response.getBody();
        assertThat(problem).isNotNull();
        assertThat(problem.getStatus()).isEqualTo(status.value());
        assertThat(problem.getDetail()).isEqualTo(detail);
        assertThat(problem.getProperties()).containsEntry("error", error);
    }
}
