package dev.rt.test.junit;

import dev.rt.ActorSystem;
import dev.rt.test.ActorTestKit;
import dev.rt.test.ManualTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link ActorTest}. Registered programmatically it takes a kit
 * factory, for systems configured in code:
 *
 * <pre>{@code
 * @RegisterExtension
 * final ActorTestKitExtension rt = ActorTestKitExtension.of(() -> ActorTestKit.builder()
 *         .configure(b -> b.askTimeout(Duration.ofMillis(200))).build());
 * }</pre>
 *
 * As an instance field it gives every test a fresh kit; as a {@code static} field the class shares one.
 * Either way {@link #kit()} returns the current kit and test parameters of type {@code ActorTestKit},
 * {@code ActorSystem} and {@code ManualTime} are resolved.
 */
public final class ActorTestKitExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {

    /** Unique suffixes for system names, so thread names tell concurrent systems apart. */
    private static final AtomicInteger SYSTEM_NAMES = new AtomicInteger();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ActorTestKitExtension.class);
    /** The kit of one test; a store lookup falls back to parent stores, so the two need their own keys. */
    private static final String KIT = "testKit";
    private static final String CLASS_KIT = "classKit";

    private final Supplier<ActorTestKit> factory;
    private volatile ActorTestKit current;

    /** Used by {@link ActorTest}: configured by the annotation. */
    public ActorTestKitExtension() {
        this(null);
    }

    private ActorTestKitExtension(Supplier<ActorTestKit> factory) {
        this.factory = factory;
    }

    /**
     * @param factory makes a kit for each test (instance field) or for the class (static field)
     * @return the extension, to register with {@code @RegisterExtension}
     */
    public static ActorTestKitExtension of(Supplier<ActorTestKit> factory) {
        return new ActorTestKitExtension(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * @return the kit of the running test
     * @throws IllegalStateException outside a test
     */
    public ActorTestKit kit() {
        ActorTestKit kit = current;
        if (kit == null) {
            throw new IllegalStateException("no ActorTestKit is active: kit() works inside tests and lifecycle "
                    + "methods of the class that registers the extension");
        }
        return kit;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // a @RegisterExtension field gets here only when static: its kit is the class's
        if (factory != null || isShared(context)) {
            ActorTestKit kit = newKit(context);
            context.getStore(NAMESPACE).put(CLASS_KIT, kit);
            current = kit;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ActorTestKit kit = findKit(context).orElse(null);
        if (kit == null) {
            kit = newKit(context);
            context.getStore(NAMESPACE).put(KIT, kit);
        }
        current = kit;
        kit.beginTest();
        settings(context).map(ActorTest::allowDeadLetters).ifPresent(kit.deadLetters()::allow);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ActorTestKit kit = context.getStore(NAMESPACE).get(KIT, ActorTestKit.class);
        boolean failed = context.getExecutionException().isPresent();
        if (kit != null) {
            // the test's own kit: check it, then shut it down whatever the check says
            context.getStore(NAMESPACE).remove(KIT);
            if (failed) {
                kit.shutdown(); // the test's own failure says what matters; still report a stuck or leaky system
            } else {
                kit.close(); // terminate first, so the dead-letter check sees what in-flight work lost
            }
            return;
        }
        ActorTestKit classKit = findKit(context).orElseThrow();
        try {
            if (!failed) {
                classKit.verify();
                classKit.verifyNoLeakedActors();
            }
        } finally {
            classKit.reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ActorTestKit kit = context.getStore(NAMESPACE).remove(CLASS_KIT, ActorTestKit.class);
        current = null;
        if (kit != null) {
            kit.shutdown();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ActorTestKit.class || type == ActorSystem.class || type == ManualTime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ActorTestKit kit = findKit(context).orElse(null);
        if (kit == null) {
            if (context.getTestMethod().isEmpty()) {
                throw new ParameterResolutionException("an ActorTestKit exists per test: it cannot be injected into "
                        + "a constructor or @BeforeAll method; use a test or @BeforeEach parameter, or "
                        + "@ActorTest(lifecycle = PER_CLASS)");
            }
            kit = newKit(context);
            context.getStore(NAMESPACE).put(KIT, kit);
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == ActorSystem.class) {
            return kit.system();
        }
        if (type == ManualTime.class) {
            return kit.time();
        }
        return kit;
    }

    private Optional<ActorTestKit> findKit(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        ActorTestKit kit = store.get(KIT, ActorTestKit.class);
        return Optional.ofNullable(kit != null ? kit : store.get(CLASS_KIT, ActorTestKit.class));
    }

    private boolean isShared(ExtensionContext context) {
        return settings(context).map(s -> s.lifecycle() == ActorTest.Lifecycle.PER_CLASS).orElse(false);
    }

    private ActorTestKit newKit(ExtensionContext context) {
        if (factory != null) {
            return factory.get();
        }
        Optional<ActorTest> settings = settings(context);
        String name = context.getRequiredTestClass().getSimpleName().replaceAll("[^A-Za-z0-9_-]", "-");
        return ActorTestKit.builder()
                .name(name + "-" + SYSTEM_NAMES.incrementAndGet())
                .manualTime(settings.map(ActorTest::manualTime).orElse(false))
                .build();
    }

    private static Optional<ActorTest> settings(ExtensionContext context) {
        return context.getTestClass().flatMap(type -> AnnotationSupport.findAnnotation(type, ActorTest.class));
    }
}
