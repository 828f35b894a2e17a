package dev.rt.test.junit;

import dev.rt.monitor.DeadLetterReason;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit Jupiter test class an {@link dev.rt.test.ActorTestKit}: declare a parameter of type
 * {@code ActorTestKit}, {@code ActorSystem} or {@code ManualTime} in a test, {@code @BeforeEach} or
 * {@code @AfterEach} method. With {@code lifecycle = PER_CLASS} the kit exists for the whole class, so a
 * constructor or {@code @BeforeAll} method may take it too; with the default per-method lifecycle the
 * kit is made per test and a constructor or {@code @BeforeAll} parameter is rejected with an error
 * saying so. After each test the kit fails the test on dead letters it did not expect and on leaks:
 * <ul>
 *   <li>per-method lifecycle: the system is terminated first (its in-flight messages drain, and what
 *       they dead-letter counts), then checked; the test fails if it did not terminate within the
 *       shutdown timeout, if an actor started and never stopped, or if a runtime thread of the system
 *       ({@code rt-<name>-...}) is still alive afterwards;</li>
 *   <li>per-class lifecycle: the test fails if an actor it started is still running once the ones
 *       already stopping have had the expect timeout to finish; its probes are then stopped.</li>
 * </ul>
 *
 * <pre>{@code
 * @ActorTest(manualTime = true)
 * class ReminderTest {
 *     @Test
 *     void remindsAfterAMinute(ActorTestKit kit) {
 *         TestProbe<String> out = kit.createProbe();
 *         kit.spawn("reminder", () -> new Reminder(out, Duration.ofMinutes(1)));
 *         kit.awaitAssert(() -> assertThat(kit.time().scheduledCount()).isEqualTo(1)); // timer armed
 *         kit.time().advance(Duration.ofSeconds(59));
 *         out.expectNoMessage();
 *         kit.time().advance(Duration.ofSeconds(1));
 *         out.expectMessage("time's up");
 *     }
 * }
 * }</pre>
 *
 * For a kit configured in code, register {@link ActorTestKitExtension} with {@code @RegisterExtension}
 * instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ActorTestKitExtension.class)
public @interface ActorTest {

    /** @return whether each test gets its own system (the default) or the class shares one */
    Lifecycle lifecycle() default Lifecycle.PER_METHOD;

    /** @return whether the system runs on a {@link dev.rt.test.ManualTime} */
    boolean manualTime() default false;

    /** @return dead-letter reasons every test of the class tolerates without expecting them */
    DeadLetterReason[] allowDeadLetters() default {};

    /** How long a kit lives. */
    enum Lifecycle {
        /** A fresh system for every test, terminated and checked after it. */
        PER_METHOD,
        /** One system for the class; after each test its probes stop and leftovers fail the test. */
        PER_CLASS
    }
}
