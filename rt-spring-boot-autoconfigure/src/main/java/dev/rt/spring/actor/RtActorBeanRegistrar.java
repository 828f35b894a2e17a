package dev.rt.spring.actor;

import dev.rt.Actor;
import dev.rt.ActorRef;
import dev.rt.ChildSpec;
import dev.rt.InvalidActorNameException;
import dev.rt.MailboxConfig;
import dev.rt.ShutdownPolicy;
import dev.rt.spring.InvalidRtConfigurationException;
import dev.rt.spring.RtActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link RtActor} beans, makes them prototypes, checks their attributes and registers one
 * {@code ActorRef<M>} bean per actor: typed by the actor's message type and qualified by its name, so
 * {@code ActorRef<OrderMsg> orders} and {@code @Qualifier("orders") ActorRef<OrderMsg> orders} both
 * resolve. The refs are {@link ActorBeanRef}s served by the {@link ActorRefs} bean.
 *
 * <p>Invalid attributes fail startup with an {@link InvalidRtConfigurationException}.
 */
public final class RtActorBeanRegistrar
        implements BeanDefinitionRegistryPostProcessor, BeanFactoryAware, BeanClassLoaderAware {

    /** Suffix of the name of the ref bean of an actor: {@code orders} gets {@code ordersActorRef}. */
    public static final String REF_BEAN_SUFFIX = "ActorRef";

    private final List<ActorDeclaration> declarations = new ArrayList<>();
    private BeanFactory beanFactory;
    private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setBeanClassLoader(ClassLoader beanClassLoader) {
        this.classLoader = beanClassLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        List<ActorDeclaration> found = new ArrayList<>();
        for (String beanName : registry.getBeanDefinitionNames()) {
            BeanDefinition definition = registry.getBeanDefinition(beanName);
            Class<?> type = actorClass(definition);
            if (type == null) {
                continue;
            }
            RtActor annotation = AnnotatedElementUtils.findMergedAnnotation(type, RtActor.class);
            found.add(declare(beanName, type, annotation));
            definition.setScope(BeanDefinition.SCOPE_PROTOTYPE);
        }
        found.sort(Comparator.comparingInt(d -> OrderUtils.getOrder(d.actorClass(), Ordered.LOWEST_PRECEDENCE)));
        Map<String, ActorDeclaration> byName = new LinkedHashMap<>();
        for (ActorDeclaration declaration : found) {
            ActorDeclaration clash = byName.putIfAbsent(declaration.name(), declaration);
            if (clash != null) {
                throw new InvalidRtConfigurationException(declaration.describe("name"), declaration.name(),
                        "the name is already used by " + clash.actorClass().getName(),
                        "Give each @RtActor a unique name: actor names identify their ActorRef beans.");
            }
            registerRef(registry, declaration);
        }
        declarations.addAll(found);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) throws BeansException {
        // everything happens on the registry
    }

    /** @return the actor beans found, in start order ({@code @Order} on the class, then declaration order) */
    public List<ActorDeclaration> declarations() {
        return List.copyOf(declarations);
    }

    private Class<?> actorClass(BeanDefinition definition) {
        if (!(definition instanceof AnnotatedBeanDefinition annotated) || annotated.getFactoryMethodMetadata() != null
                || !annotated.getMetadata().isAnnotated(RtActor.class.getName())) {
            return null;
        }
        return ClassUtils.resolveClassName(annotated.getMetadata().getClassName(), classLoader);
    }

    private ActorDeclaration declare(String beanName, Class<?> type, RtActor annotation) {
        String where = "@RtActor on " + type.getName();
        if (!Actor.class.isAssignableFrom(type)) {
            throw new InvalidRtConfigurationException(where, null, "the class does not implement dev.rt.Actor",
                    "Implement Actor<M> with the actor's message type, or remove @RtActor.");
        }
        ResolvableType messageType = ResolvableType.forClass(type).as(Actor.class).getGeneric(0);
        if (messageType.resolve() == null) {
            throw new InvalidRtConfigurationException(where, null,
                    "the message type of the actor cannot be determined",
                    "Implement Actor<M> with a concrete message type, such as Actor<OrderMsg>.");
        }
        String name = annotation.name().isEmpty() ? beanName : annotation.name();
        checkName(name, "@RtActor(name) on " + type.getName());
        String supervisor = annotation.supervisor().isEmpty() ? null : annotation.supervisor();
        String dispatcher = annotation.dispatcher();
        if (dispatcher.isBlank()) {
            throw new InvalidRtConfigurationException("@RtActor(dispatcher) on " + type.getName(), dispatcher,
                    "the dispatcher name is empty", "Name a dispatcher, such as 'default' or 'blocking'.");
        }
        return new ActorDeclaration(beanName, name, supervisor, type, messageType, annotation.restart(),
                shutdown(annotation, type), mailbox(annotation, type), dispatcher);
    }

    private static void checkName(String name, String where) {
        try {
            ChildSpec.actor(name, () -> null);
        } catch (InvalidActorNameException e) {
            throw new InvalidRtConfigurationException(where, name, e.getMessage(),
                    "Use a name made of letters, digits and - _ . : @ + = ~ (it becomes a path segment).", e);
        }
    }

    private static ShutdownPolicy shutdown(RtActor annotation, Class<?> type) {
        if (annotation.shutdownTimeout().isEmpty()) {
            return null;
        }
        Duration timeout = duration(annotation.shutdownTimeout(), "@RtActor(shutdownTimeout) on " + type.getName());
        if (timeout.isNegative()) {
            throw new InvalidRtConfigurationException("@RtActor(shutdownTimeout) on " + type.getName(),
                    annotation.shutdownTimeout(), "the timeout is negative",
                    "Use a positive duration such as '5s', or '0' to stop the actor without waiting.");
        }
        return timeout.isZero() ? ShutdownPolicy.immediate() : ShutdownPolicy.graceful(timeout);
    }

    private static MailboxConfig mailbox(RtActor annotation, Class<?> type) {
        return switch (annotation.mailbox()) {
            case DEFAULT -> null;
            case UNBOUNDED -> MailboxConfig.unbounded();
            case PRIORITY -> MailboxConfig.priority();
            case BOUNDED -> bounded(annotation, type);
        };
    }

    private static MailboxConfig bounded(RtActor annotation, Class<?> type) {
        if (annotation.mailboxCapacity() < 1) {
            throw new InvalidRtConfigurationException("@RtActor(mailboxCapacity) on " + type.getName(),
                    annotation.mailboxCapacity(), "a bounded mailbox needs room for at least one message",
                    "Set mailboxCapacity to 1 or more, or use an unbounded mailbox.");
        }
        Duration blockTimeout = MailboxConfig.DEFAULT_BLOCK_TIMEOUT;
        if (!annotation.blockTimeout().isEmpty()) {
            String where = "@RtActor(blockTimeout) on " + type.getName();
            blockTimeout = duration(annotation.blockTimeout(), where);
            if (blockTimeout.isNegative() || blockTimeout.isZero()) {
                throw new InvalidRtConfigurationException(where, annotation.blockTimeout(),
                        "a sender must be allowed to wait for some time",
                        "Use a positive duration such as '500ms'.");
            }
        }
        return new MailboxConfig(MailboxConfig.Kind.BOUNDED, annotation.mailboxCapacity(), annotation.backpressure(),
                blockTimeout);
    }

    private static Duration duration(String value, String where) {
        try {
            return DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRtConfigurationException(where, value, "it is not a duration",
                    "Write a duration such as '500ms', '5s' or 'PT5S'.", e);
        }
    }

    private void registerRef(BeanDefinitionRegistry registry, ActorDeclaration declaration) {
        String actorName = declaration.name();
        RootBeanDefinition ref = new RootBeanDefinition(ActorRef.class, () -> refs().ref(actorName));
        ref.setTargetType(ResolvableType.forClassWithGenerics(ActorRef.class, declaration.messageType()));
        ref.addQualifier(new AutowireCandidateQualifier(Qualifier.class, actorName));
        ref.setDescription("ActorRef of actor '" + actorName + "' (" + declaration.actorClass().getName() + ")");
        String refName = actorName + REF_BEAN_SUFFIX;
        if (registry.isBeanNameInUse(refName)) {
            refName = "rt." + actorName + "." + REF_BEAN_SUFFIX;
        }
        registry.registerBeanDefinition(refName, ref);
    }

    private ActorRefs refs() {
        return beanFactory.getBean(ActorRefs.class);
    }
}
