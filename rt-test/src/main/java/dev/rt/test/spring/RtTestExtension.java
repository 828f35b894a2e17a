package dev.rt.test.spring;

import dev.rt.test.ActorTestKit;
import dev.rt.test.ManualTime;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The JUnit side of {@link RtTest}: before each test it clears what the context's kit and probes
 * recorded so far (the context is cached across tests); after it, it fails the test on dead letters
 * the test did not expect.
 */
final class RtTestExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    @Override
    public void beforeEach(ExtensionContext context) {
        ApplicationContext application = SpringExtension.getApplicationContext(context);
        ActorTestKit kit = RtTestSetup.kit(application);
        kit.reset();
        application.getBean(RtTestProbes.class).clear();
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RtTest.class)
                .map(RtTest::allowDeadLetters).ifPresent(kit.deadLetters()::allow);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            RtTestSetup.kit(SpringExtension.getApplicationContext(context)).verify();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ActorTestKit.class || type == ManualTime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ActorTestKit kit = RtTestSetup.kit(SpringExtension.getApplicationContext(context));
        return parameter.getParameter().getType() == ManualTime.class ? kit.time() : kit;
    }
}
