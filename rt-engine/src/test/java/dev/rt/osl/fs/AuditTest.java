package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rt.osl.fs.FileSystemOperation.Move;
import dev.rt.osl.fs.FileSystemOperation.Write;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every request emits one audit event: decisions, outcomes, bytes; failing listeners are contained. */
class AuditTest {

    @TempDir
    Path temp;

    @Test
    void eachCaseIsRecordedWithItsDecisionAndOutcome() {
        try (OslFixture fs = OslFixture.start(temp, b -> b
                .rule(AccessRule.deny("*", "private/**"))
                .rule(AccessRule.allow("*", "**", Permission.READ, Permission.WRITE, Permission.LIST,
                        Permission.DELETE)))) {
            fs.file("a.txt", "12345");
            Instant before = Instant.now();
            record Case(FileSystemOperation op, Decision decision, String outcome, long bytes, String path) {
            }
            List<Case> cases = List.of(
                    new Case(FileSystemOperation.read("a.txt"), Decision.ALLOW, "OK", 5, "a.txt"),
                    new Case(new Write("./b.txt", bytes("abc")), Decision.ALLOW, "OK", 3, "b.txt"),
                    new Case(FileSystemOperation.read("missing"), Decision.ALLOW, "NOT_FOUND", 0, "missing"),
                    new Case(FileSystemOperation.read("private/x"), Decision.DENY, "ACCESS_DENIED", 0, "private/x"),
                    new Case(FileSystemOperation.read("../x"), Decision.REFUSE, "OUTSIDE_ROOT", 0, "../x"),
                    new Case(FileSystemOperation.read("a\u0000\"b"), Decision.REFUSE, "INVALID_PATH", 0, "a\u0000\"b"),
                    new Case(new Move("b.txt", "c/../c.txt", false), Decision.ALLOW, "OK", 0, "b.txt"));
            for (Case c : cases) {
                FileSystemResponse response = fs.request("auditor", c.op());
                AuditEvent event = fs.eventFor(response.requestId());
                assertThat(event.principal()).isEqualTo("auditor");
                assertThat(event.operation()).isEqualTo(c.op().kind());
                assertThat(event.path()).isEqualTo(c.path());
                assertThat(event.decision()).as(c.toString()).isEqualTo(c.decision());
                assertThat(event.outcome()).as(c.toString()).isEqualTo(c.outcome());
                assertThat(event.bytes()).isEqualTo(c.bytes());
                assertThat(event.duration()).isPositive();
                assertThat(event.time()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
                assertThat(event.succeeded()).isEqualTo(c.outcome().equals("OK"));
            }
            AuditEvent move = fs.awaitEvent(e -> e.operation() == OperationKind.MOVE);
            assertThat(move.target()).isEqualTo("c.txt");
            assertThat(fs.audit.events).filteredOn(e -> e.operation() != OperationKind.MOVE)
                    .allMatch(e -> e.target() == null);
            // exactly one event per request
            assertThat(fs.audit.events).hasSize(cases.size());
        }
    }

    @Test
    void aFailingListenerNeverFailsTheOperationAndIsCounted() {
        try (OslFixture fs = OslFixture.start(temp)) {
            fs.audit.also = event -> {
                throw new IllegalStateException("audit store down");
            };
            for (int i = 0; i < 5; i++) {
                assertThat(OslFixture.kindOf(fs.run(new Write("f" + i, bytes("x"))))).isNull();
            }
            fs.audit.also = event -> {
                throw new AssertionError("even an Error");
            };
            assertThat(OslFixture.kindOf(fs.run(FileSystemOperation.read("f0")))).isNull();
            OslFixture.eventually().until(() -> fs.osl.stats().auditFailures() == 6);
            fs.audit.also = event -> { };
            assertThat(OslFixture.kindOf(fs.run(FileSystemOperation.read("f1")))).isNull();
            assertThat(fs.osl.supervisor().snapshot().restartsInWindow()).isZero();
            OslFixture.eventually().until(() -> fs.audit.events.size() == 7);
            assertThat(fs.osl.stats().auditFailures()).isEqualTo(6);
        }
    }

    @Test
    void theDefaultListenerWritesOneJsonLinePerEventToRtOslAudit() {
        Logger logger = (Logger) LoggerFactory.getLogger(Slf4jAuditListener.LOGGER_NAME);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        try (OslFixture fs = OslFixture.start(temp, b -> b.auditListener(new Slf4jAuditListener()))) {
            fs.run("alice", new Write("hello.txt", bytes("hi")));
            fs.run("alice", FileSystemOperation.read("../etc/passwd"));
            OslFixture.eventually().until(() -> appender.list.size() == 2);
            // two workers: the lines may come in either order
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            String write = lines.stream().filter(l -> l.contains("WRITE")).findFirst().orElseThrow();
            String refused = lines.stream().filter(l -> l.contains("READ")).findFirst().orElseThrow();
            assertThat(write).startsWith("{\"time\":\"").endsWith("}").doesNotContain("\n")
                    .contains("\"principal\":\"alice\"", "\"operation\":\"WRITE\"", "\"path\":\"hello.txt\"",
                            "\"decision\":\"ALLOW\"", "\"outcome\":\"OK\"", "\"bytes\":2", "\"durationMicros\":")
                    .doesNotContain("\"target\"");
            assertThat(refused)
                    .contains("\"path\":\"../etc/passwd\"", "\"decision\":\"REFUSE\"", "\"outcome\":\"OUTSIDE_ROOT\"");
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
    }

    @Test
    void jsonEscapesEverythingThatCouldBreakALine() {
        AuditEvent event = new AuditEvent(Instant.parse("2025-10-14T09:00:00Z"), 42, "al\"ice\\", OperationKind.MOVE,
                "a\nb\r\t\u0000\u001f\u007f\u2028\u2029\uD83D\uDE00\uD800", "t\"", Decision.ALLOW, "OK", 7,
                Duration.ofNanos(12_345_678));
        assertThat(Slf4jAuditListener.format(event)).isEqualTo("{\"time\":\"2025-10-14T09:00:00Z\",\"requestId\":42,"
                + "\"principal\":\"al\\\"ice\\\\\",\"operation\":\"MOVE\","
                + "\"path\":\"a\\nb\\r\\t\\u0000\\u001f\\u007f\\u2028\\u2029\uD83D\uDE00\\ud800\",\"target\":\"t\\\"\","
                + "\"decision\":\"ALLOW\",\"outcome\":\"OK\",\"bytes\":7,\"durationMicros\":12345}");
    }

    @Test
    void longRefusedPathsAreTruncatedInTheAudit() {
        try (OslFixture fs = OslFixture.start(temp)) {
            String longPath = "/" + "x".repeat(5000);
            FileSystemResponse response = fs.request("tester", FileSystemOperation.read(longPath));
            assertThat(OslFixture.kindOf(response.result())).isEqualTo(ErrorKind.OUTSIDE_ROOT);
            assertThat(fs.eventFor(response.requestId()).path()).hasSize(AuditEvent.MAX_SHOWN_PATH);
        }
    }
}
