package dev.rt.test.spring;

import dev.rt.ActorSystem;
import dev.rt.spring.ActorSystemCustomizer;
import dev.rt.spring.actor.ActorDeclaration;
import dev.rt.spring.actor.RtActorBeanRegistrar;
import dev.rt.test.ActorTestKit;
import dev.rt.test.ManualTime;
import dev.rt.test.RuntimeEventLog;
import dev.rt.test.TestKitSettings;
import dev.rt.test.TestProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * What {@link RtTest} does, as an {@link ApplicationContextInitializer} for contexts built in code, such
 * as {@code ApplicationContextRunner}'s:
 *
 * <pre>{@code
 * new ApplicationContextRunner()
 *         .withConfiguration(AutoConfigurations.of(RtAutoConfiguration.class))
 *         .withUserConfiguration(ShopConfiguration.class)
 *         .withInitializer(RtTestSetup.create().probes("payments"))
 *         .run(context -> {
 *             context.getBean(CheckoutService.class).checkout("order-1");
 *             TestProbe<PaymentMsg> payments = RtTestSetup.probe(context, "payments");
 *             payments.expectMessageClass(PaymentMsg.Charge.class);
 *             RtTestSetup.kit(context).verify();
 *         });
 * }</pre>
 *
 * <p>It registers a {@link RuntimeEventLog} (a {@code RuntimeListener} bean the auto-configured system
 * reports to), an {@link ActorTestKit} bean attached to the context's {@link ActorSystem}, with
 * {@code manualTime()} a {@link ManualTime} bean and an {@code ActorSystemCustomizer} that installs it,
 * and for each probed actor a {@code TestProbe<M>} bean qualified by the actor's name.
 */
public final class RtTestSetup implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Bean name of the kit. */
    public static final String KIT_BEAN = "rtTestKit";

    private final Set<String> probes;
    private final boolean manualTime;

    private RtTestSetup(Set<String> probes, boolean manualTime) {
        this.probes = probes;
        this.manualTime = manualTime;
    }

    /** @return a setup with no probes, on real time */
    public static RtTestSetup create() {
        return new RtTestSetup(Set.of(), false);
    }

    /**
     * @param actorNames names of {@code @RtActor}s to replace with probes
     * @return a setup that also replaces those
     */
    public RtTestSetup probes(String... actorNames) {
        Set<String> all = new TreeSet<>(probes);
        all.addAll(Arrays.asList(actorNames));
        return new RtTestSetup(Set.copyOf(all), manualTime);
    }

    /** @return a setup whose system runs on a {@link ManualTime} */
    public RtTestSetup manualTime() {
        return manualTime(true);
    }

    /**
     * @param manual whether the system runs on a {@link ManualTime}
     * @return the setup
     */
    public RtTestSetup manualTime(boolean manual) {
        return new RtTestSetup(probes, manual);
    }

    /**
     * @param context a context set up with this class or {@link RtTest}
     * @return its kit
     */
    public static ActorTestKit kit(ApplicationContext context) {
        return context.getBean(KIT_BEAN, ActorTestKit.class);
    }

    /**
     * @param context a context set up with this class or {@link RtTest}
     * @param actorName a probed actor's name
     * @param <M> the actor's message type
     * @return the probe that receives what is sent to that actor
     */
    public static <M> TestProbe<M> probe(ApplicationContext context, String actorName) {
        return context.getBean(RtTestProbes.class).probe(actorName);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addBeanFactoryPostProcessor(new Registrar(probes, manualTime));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RtTestSetup that && probes.equals(that.probes) && manualTime == that.manualTime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(probes, manualTime);
    }

    @Override
    public String toString() {
        return "RtTestSetup[probes=" + probes + ", manualTime=" + manualTime + "]";
    }

    /** Registers the testkit's beans, then replaces the probed actors once rt has found its actor beans. */
    private record Registrar(Set<String> probes, boolean manualTime) implements BeanDefinitionRegistryPostProcessor {

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
            BeanFactory beans = (BeanFactory) registry;
            registry.registerBeanDefinition("rtTestEventLog", new RootBeanDefinition(RuntimeEventLog.class,
                    RuntimeEventLog::new));
            if (manualTime) {
                registry.registerBeanDefinition("rtTestManualTime", new RootBeanDefinition(ManualTime.class,
                        ManualTime::new));
                registry.registerBeanDefinition("rtTestManualTimeCustomizer",
                        new RootBeanDefinition(ActorSystemCustomizer.class, () -> (ActorSystemCustomizer) builder ->
                                beans.getBean(ManualTime.class).configure(builder)));
            }
            RootBeanDefinition kit = new RootBeanDefinition(ActorTestKit.class, () ->
                    ActorTestKit.attach(beans.getBean(ActorSystem.class), beans.getBean(RuntimeEventLog.class),
                            manualTime ? beans.getBean(ManualTime.class) : null, TestKitSettings.load()));
            // not close(): that would run the end-of-test check when the (cached) context closes
            kit.setDestroyMethodName("shutdown");
            registry.registerBeanDefinition(KIT_BEAN, kit);
            registry.registerBeanDefinition("rtTestProbes", new RootBeanDefinition(RtTestProbes.class, () ->
                    new RtTestProbes(probes, beans.getBean(KIT_BEAN, ActorTestKit.class))));
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) throws BeansException {
            if (probes.isEmpty()) {
                return;
            }
            if (factory.getBeanNamesForType(RtActorBeanRegistrar.class, true, false).length == 0) {
                throw new IllegalStateException("@RtTest(probes = " + probes + ") needs rt's auto-configuration "
                        + "(RtAutoConfiguration) in the context to find @RtActor beans, and it is not there");
            }
            RtActorBeanRegistrar registrar = factory.getBean(RtActorBeanRegistrar.class);
            Map<String, ActorDeclaration> declared = registrar.declarations().stream()
                    .collect(Collectors.toMap(ActorDeclaration::name, Function.identity()));
            List<String> unknown = new ArrayList<>();
            for (String name : probes) {
                ActorDeclaration declaration = declared.get(name);
                if (declaration == null) {
                    unknown.add(name);
                    continue;
                }
                swap((BeanDefinitionRegistry) factory, factory, declaration);
            }
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("@RtTest(probes) names " + unknown + ", but no @RtActor running on "
                        + "its own has that name; declared: " + new TreeSet<>(declared.keySet())
                        + " (routees of a router cannot be probed one by one)");
            }
        }

        private static void swap(BeanDefinitionRegistry registry, BeanFactory beans, ActorDeclaration declaration) {
            String name = declaration.name();
            // The actor's bean now yields a relay to the probe; the real class is never instantiated.
            AbstractBeanDefinition actor = (AbstractBeanDefinition) registry.getBeanDefinition(declaration.beanName());
            actor.setInstanceSupplier(() -> new ProbeRelay(beans.getBean(RtTestProbes.class), name));
            RootBeanDefinition probe = new RootBeanDefinition(TestProbe.class,
                    () -> beans.getBean(RtTestProbes.class).probe(name));
            probe.setTargetType(ResolvableType.forClassWithGenerics(TestProbe.class, declaration.messageType()));
            probe.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            probe.setDescription("Test probe standing in for actor '" + name + "'");
            // A probe is an ActorRef<M> too: let the actor's own ref win wherever an ActorRef<M> is injected.
            probe.setFallback(true);
            registry.registerBeanDefinition(name + "TestProbe", probe);
        }
    }
}
