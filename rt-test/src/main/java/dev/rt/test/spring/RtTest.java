package dev.rt.test.spring;

import dev.rt.monitor.DeadLetterReason;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Attaches the rt testkit to the {@code ActorSystem} of a Spring test context ({@code @SpringBootTest}
 * and the test slices): the context gets an {@link dev.rt.test.ActorTestKit} bean bound to its system,
 * the actors named in {@link #probes()} are replaced by {@link dev.rt.test.TestProbe}s, and after each
 * test the kit fails it on dead letters it did not expect.
 *
 * <pre>{@code
 * @SpringBootTest
 * @RtTest(probes = "payments")
 * class CheckoutTests {
 *     @Autowired CheckoutService checkout;                          // tells the injected ActorRef<PaymentMsg>
 *     @Autowired @Qualifier("payments") TestProbe<PaymentMsg> payments;
 *
 *     @Test
 *     void checkoutCharges() {
 *         checkout.checkout("order-1");
 *         PaymentMsg.Charge charge = payments.expectMessageClass(PaymentMsg.Charge.class);
 *         assertThat(charge.orderId()).isEqualTo("order-1");
 *     }
 * }
 * }</pre>
 *
 * <p>A replaced actor's bean is never created (its dependencies are not needed): in its place at the
 * same path runs a relay that passes every message, with its sender, to the probe. So the injected
 * {@code ActorRef}, {@code @Qualifier} refs, {@code ActorSystem.lookup} and supervision all reach the
 * probe, and an {@code ask} through the injected ref is answered by replying to the request's
 * {@code replyTo} from the test. Test parameters of type {@code ActorTestKit} and {@code ManualTime}
 * are resolved. With {@code ApplicationContextRunner}, use {@link RtTestSetup} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(RtTestContextCustomizerFactory.class)
@ExtendWith(RtTestExtension.class)
public @interface RtTest {

    /** @return names of {@code @RtActor}s to replace with probes */
    String[] probes() default {};

    /** @return whether the context's system runs on a {@link dev.rt.test.ManualTime} bean */
    boolean manualTime() default false;

    /** @return dead-letter reasons every test of the class tolerates without expecting them */
    DeadLetterReason[] allowDeadLetters() default {};
}
