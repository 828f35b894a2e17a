package dev.rt.osl.fs;

import static dev.rt.osl.fs.OslFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rt.osl.fs.FileSystemOperation.DeleteFile;
import dev.rt.osl.fs.FileSystemOperation.ListDirectory;
import dev.rt.osl.fs.FileSystemOperation.Move;
import dev.rt.osl.fs.FileSystemOperation.Stat;
import dev.rt.osl.fs.FileSystemOperation.Write;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Access rules: first match wins, deny by default, the wildcard principal, glob semantics. */
class AccessPolicyTest {

    private static ErrorKind kind(OslFixture fs, String principal, FileSystemOperation op) {
        return OslFixture.kindOf(fs.run(principal, op));
    }

    /** Glob semantics, on normalised paths relative to the root. */
    @Nested
    class Globs {

        @ParameterizedTest(name = "{0} ~ {1} -> {2}")
        @CsvSource({
                "*,           a.txt,          true",
                "*,           dir/a.txt,      false",
                "*,           .,              true",
                "*.txt,       a.txt,          true",
                "*.txt,       dir/a.txt,      false",
                "*.txt,       a.txt.bak,      false",
                "**,          .,              true",
                "**,          a/b/c.txt,      true",
                "**/*.txt,    a.txt,          true",
                "**/*.txt,    x/y/a.txt,      true",
                "**/*.txt,    x/y/a.md,       false",
                "docs/**,     docs,           true",
                "docs/**,     docs/a,         true",
                "docs/**,     docs/a/b/c,     true",
                "docs/**,     docsx,          false",
                "docs/**,     other/docs/a,   false",
                "docs/*,      docs/a,         true",
                "docs/*,      docs/a/b,       false",
                "docs/*,      docs,           false",
                "a/**/z,      a/z,            true",
                "a/**/z,      a/b/c/z,        true",
                "a/**/z,      a/b/c/zz,       false",
                "?.txt,       a.txt,          true",
                "?.txt,       ab.txt,         false",
                "a?c,         a/c,            false",
                "a+b(c)[d].txt, a+b(c)[d].txt, true",
                "a+b(c)[d].txt, aab(c)d.txt,   false",
                "report.txt,  report.txt,     true",
                "report.txt,  reportxtxt,     false",
                "report.txt,  dir/report.txt, false",
        })
        void matches(String glob, String path, boolean expected) {
            assertThat(PathGlob.compile(glob).matches(path)).isEqualTo(expected);
        }

        @Test
        void refusesGlobsThatCannotMatchARelativePath() {
            assertThatThrownBy(() -> PathGlob.compile("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> PathGlob.compile("/etc/**")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AccessRule.allow("*", "a\\b", Permission.READ))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Rules evaluated by the running service. */
    @Nested
    class Rules {

        @TempDir
        Path temp;

        private final List<AccessRule> rules = List.of(
                AccessRule.deny("alice", "secret/**"),
                AccessRule.allow("alice", "**", Permission.READ, Permission.LIST),
                AccessRule.allow(AccessRule.ANY_PRINCIPAL, "public/**", Permission.READ, Permission.LIST),
                AccessRule.allow("admin", "**", Permission.READ, Permission.WRITE, Permission.DELETE, Permission.LIST),
                AccessRule.allow("writer", "inbox/*.txt", Permission.WRITE),
                AccessRule.allow("mover", "from/**", Permission.DELETE),
                AccessRule.allow("mover", "to/**", Permission.WRITE));

        private OslFixture start() {
            OslFixture fs = OslFixture.start(temp, b -> b.rules(rules));
            fs.file("secret/s.txt", "s");
            fs.file("docs/d.txt", "d");
            fs.file("public/p.txt", "p");
            fs.file("from/m.txt", "m");
            fs.dir("to");
            fs.dir("inbox");
            return fs;
        }

        @Test
        void theFirstMatchingRuleDecides() {
            try (OslFixture fs = start()) {
                // rule 1 denies alice the secret directory although rule 2 would allow reading everything
                assertThat(kind(fs, "alice", FileSystemOperation.read("secret/s.txt"))).isEqualTo(ErrorKind.ACCESS_DENIED);
                assertThat(kind(fs, "alice", new ListDirectory("secret"))).isEqualTo(ErrorKind.ACCESS_DENIED);
                assertThat(kind(fs, "alice", FileSystemOperation.read("docs/d.txt"))).isNull();
                // rule 2 matches alice's write and lacks WRITE: denied, not passed on to later rules
                assertThat(kind(fs, "alice", new Write("public/new.txt", bytes("x")))).isEqualTo(ErrorKind.ACCESS_DENIED);
                // the same rules for someone else: rule 1 is not theirs
                assertThat(kind(fs, "admin", FileSystemOperation.read("secret/s.txt"))).isNull();
                assertThat(kind(fs, "admin", new Write("secret/t.txt", bytes("x")))).isNull();
            }
        }

        @Test
        void laterRulesDoNotOverrideEarlierOnes(@TempDir Path other) {
            try (OslFixture fs = OslFixture.start(other, b -> b
                    .rule(AccessRule.allow("*", "**", Permission.READ))
                    .rule(AccessRule.deny("alice", "**")))) {
                fs.file("a.txt", "a");
                assertThat(kind(fs, "alice", FileSystemOperation.read("a.txt"))).isNull();
                assertThat(kind(fs, "alice", new DeleteFile("a.txt"))).isEqualTo(ErrorKind.ACCESS_DENIED);
            }
        }

        @Test
        void theWildcardPrincipalMatchesEveryone() {
            try (OslFixture fs = start()) {
                for (String who : List.of("bob", "carol", "alice", "*")) {
                    assertThat(kind(fs, who, FileSystemOperation.read("public/p.txt"))).as(who).isNull();
                    assertThat(kind(fs, who, new ListDirectory("public"))).as(who).isNull();
                }
            }
        }

        @Test
        void whatNoRuleMatchesIsDeniedWithoutTouchingTheFileSystem() {
            try (OslFixture fs = start()) {
                assertThat(kind(fs, "bob", FileSystemOperation.read("docs/d.txt"))).isEqualTo(ErrorKind.ACCESS_DENIED);
                assertThat(kind(fs, "bob", new ListDirectory("."))).isEqualTo(ErrorKind.ACCESS_DENIED);
                // denied before the sandbox looks: a missing file does not reveal itself as NOT_FOUND
                assertThat(kind(fs, "bob", new Stat("docs/missing"))).isEqualTo(ErrorKind.ACCESS_DENIED);
                assertThat(kind(fs, "writer", new Write("inbox/a.txt", bytes("x")))).isNull();
                assertThat(kind(fs, "writer", new Write("inbox/a.md", bytes("x")))).isEqualTo(ErrorKind.ACCESS_DENIED);
                assertThat(kind(fs, "writer", FileSystemOperation.read("inbox/a.txt"))).isEqualTo(ErrorKind.ACCESS_DENIED);
                assertThat(fs.root.resolve("inbox/a.md")).doesNotExist();
                assertThat(fs.osl.stats().denials()).isEqualTo(5);
                OslFixture.eventually().untilAsserted(() -> assertThat(fs.audit.events)
                        .filteredOn(e -> e.decision() == Decision.DENY).hasSize(5)
                        .allMatch(e -> e.outcome().equals("ACCESS_DENIED")));
            }
        }

        @Test
        void aMoveNeedsDeleteOnTheSourceAndWriteOnTheTarget() {
            try (OslFixture fs = start()) {
                assertThat(kind(fs, "mover", new Move("docs/d.txt", "to/d.txt", false))).isEqualTo(ErrorKind.ACCESS_DENIED);
                assertThat(kind(fs, "mover", new Move("from/m.txt", "docs/m.txt", false))).isEqualTo(ErrorKind.ACCESS_DENIED);
                assertThat(kind(fs, "mover", new Move("from/m.txt", "to/m.txt", false))).isNull();
                assertThat(fs.root.resolve("to/m.txt")).hasContent("m");
            }
        }

        @Test
        void rulesApplyToTheRealPathBehindALinkInsideTheRoot() {
            try (OslFixture fs = start()) {
                fs.link("public/to-secret", Path.of("../secret"));
                // the requested path matches the public rule; the real one, secret/s.txt, matches no rule of bob's
                assertThat(kind(fs, "bob", FileSystemOperation.read("public/to-secret/s.txt")))
                        .isEqualTo(ErrorKind.ACCESS_DENIED);
                assertThat(kind(fs, "admin", FileSystemOperation.read("public/to-secret/s.txt"))).isNull();
            }
        }

        @Test
        void withoutRulesEverythingInsideTheRootIsAllowed(@TempDir Path other) {
            try (OslFixture fs = OslFixture.start(other)) {
                assertThat(kind(fs, "anyone", new Write("a.txt", bytes("x")))).isNull();
                assertThat(kind(fs, "anyone", new DeleteFile("a.txt"))).isNull();
                assertThat(kind(fs, "", new ListDirectory("."))).isNull();
                assertThat(kind(fs, "anyone", FileSystemOperation.read("../x"))).isEqualTo(ErrorKind.OUTSIDE_ROOT);
            }
        }

        @Test
        void rulesAreImmutableValues() {
            AccessRule rule = AccessRule.allow("alice", "**", Permission.READ, Permission.READ, Permission.LIST);
            assertThat(rule.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.LIST);
            assertThatThrownBy(() -> rule.permissions().add(Permission.WRITE))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(AccessRule.deny("bob", "x").permissions()).isEmpty();
            assertThat(new AccessRule("bob", "x", Set.of(Permission.READ))).isEqualTo(AccessRule.allow("bob", "x", Permission.READ));
        }
    }
}
