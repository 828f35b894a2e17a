package dev.rt.test.spring;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Turns {@link RtTest} on a test class into an {@link RtTestSetup} applied to its context. */
final class RtTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        RtTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, RtTest.class);
        if (annotation == null) {
            return null;
        }
        RtTestSetup setup = RtTestSetup.create().probes(annotation.probes()).manualTime(annotation.manualTime());
        return new Customizer(setup);
    }

    /** Equal for equal setups, so contexts with the same swaps are cached and shared. */
    private record Customizer(RtTestSetup setup) implements ContextCustomizer {
        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                                     org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            setup.initialize(context);
        }
    }
}
