package dev.rt.spring.actor;

import dev.rt.Actor;
import dev.rt.ActorRef;
import dev.rt.ChildSpec;
import dev.rt.InvalidActorNameException;
import dev.rt.MailboxConfig;
import dev.rt.ShutdownPolicy;
import dev.rt.spring.InvalidRtConfigurationException;
import dev.rt.spring.RtActor;
import dev.rt.spring.router.RouterBeanRef;
import dev.rt.spring.router.RouterDeclaration;
import dev.rt.spring.router.RouterRefs;
import dev.rt.spring.router.RouterSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
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
 * <p>Routers ({@code rt.routers.<name>}) are resolved here too: the actor bean a router names becomes
 * the template of its routees. It is not started on its own and gets no ref of its own; instead one
 * {@code RouterBeanRef<M>} bean is registered per router, typed by the routees' message type and
 * qualified by the router's name, served by the {@link RouterRefs} bean.
 *
 * <p>Invalid attributes and router references fail startup with an {@link InvalidRtConfigurationException}.
 */
public final class RtActorBeanRegistrar
        implements BeanDefinitionRegistryPostProcessor, BeanFactoryAware, BeanClassLoaderAware {

    /** Suffix of the name of the ref bean of an actor: {@code orders} gets {@code ordersActorRef}. */
    public static final String REF_BEAN_SUFFIX = "ActorRef";

    /** Suffix of the name of the ref bean of a router: {@code workers} gets {@code workersRouter}. */
    public static final String ROUTER_BEAN_SUFFIX = "Router";

    private final Supplier<List<RouterSettings>> routerSettings;
    private final List<ActorDeclaration> declarations = new ArrayList<>();
    private final List<RouterDeclaration> routers = new ArrayList<>();
    private BeanFactory beanFactory;
    private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

    /** A registrar without routers. */
    public RtActorBeanRegistrar() {
        this(List::of);
    }

    /**
     * @param routerSettings the configured routers, read when the bean definitions are processed
     */
    public RtActorBeanRegistrar(Supplier<List<RouterSettings>> routerSettings) {
        this.routerSettings = Objects.requireNonNull(routerSettings, "routerSettings");
    }

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
        }
        List<RouterDeclaration> resolved = resolveRouters(byName, found);
        Set<String> routees = new HashSet<>();
        resolved.forEach(router -> routees.add(router.routee().name()));
        for (ActorDeclaration declaration : found) {
            if (!routees.contains(declaration.name())) {
                registerRef(registry, declaration);
                declarations.add(declaration);
            }
        }
        for (RouterDeclaration router : resolved) {
            registerRouterRef(registry, router);
        }
        routers.addAll(resolved);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) throws BeansException {
        // everything happens on the registry
    }

    /**
     * @return the actor beans found that run on their own, in start order ({@code @Order} on the class,
     *         then declaration order); routee templates of routers are not among them
     */
    public List<ActorDeclaration> declarations() {
        return List.copyOf(declarations);
    }

    /** @return the configured routers, each with the actor bean that makes its routees, in start order */
    public List<RouterDeclaration> routers() {
        return List.copyOf(routers);
    }

    private List<RouterDeclaration> resolveRouters(Map<String, ActorDeclaration> byName,
                                                   List<ActorDeclaration> found) {
        List<RouterSettings> configured = routerSettings.get();
        if (configured.isEmpty()) {
            return List.of();
        }
        Map<String, ActorDeclaration> byBeanName = new HashMap<>();
        found.forEach(declaration -> byBeanName.put(declaration.beanName(), declaration));
        List<RouterDeclaration> out = new ArrayList<>();
        Set<String> routees = new HashSet<>();
        for (RouterSettings router : configured) {
            ActorDeclaration routee = byName.get(router.actor());
            if (routee == null) {
                routee = byBeanName.get(router.actor());
            }
            if (routee == null) {
                String known = byName.isEmpty() ? "the application declares none"
                        : "declared: " + String.join(", ", new TreeSet<>(byName.keySet()));
                throw new InvalidRtConfigurationException(router.property("actor"), router.actor(),
                        "no @RtActor bean is named '" + router.actor() + "'",
                        "Set " + router.property("actor") + " to the name of an @RtActor bean (" + known + "), or "
                                + "declare one: a class implementing Actor<M> annotated with @RtActor(name = \""
                                + router.actor() + "\").");
            }
            if (routee.supervisor() != null) {
                throw new InvalidRtConfigurationException(routee.describe("supervisor"), routee.supervisor(),
                        "the actor makes the routees of router '" + router.name() + "' (" + router.property("actor")
                                + "), and routees run under the router's own supervisor /user/" + router.name(),
                        "Remove the supervisor attribute from @RtActor on " + routee.actorClass().getName()
                                + ", or point " + router.property("actor") + " at another actor bean.");
            }
            routees.add(routee.name());
            out.add(new RouterDeclaration(router, routee));
        }
        for (RouterDeclaration router : out) {
            ActorDeclaration same = byName.get(router.name());
            if (same != null && !routees.contains(same.name())) {
                throw new InvalidRtConfigurationException("rt.routers." + router.name(), router.name(),
                        "the actor bean " + same.actorClass().getName() + " has the same name",
                        "Rename the router or the actor: @Qualifier(\"<name>\") selects actors and routers alike.");
            }
        }
        return out;
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

    private void registerRouterRef(BeanDefinitionRegistry registry, RouterDeclaration router) {
        String routerName = router.name();
        ActorDeclaration routee = router.routee();
        RootBeanDefinition ref = new RootBeanDefinition(RouterBeanRef.class, () -> routerRefs().ref(routerName));
        ref.setTargetType(ResolvableType.forClassWithGenerics(RouterBeanRef.class, routee.messageType()));
        ref.addQualifier(new AutowireCandidateQualifier(Qualifier.class, routerName));
        ref.setDescription("Router '" + routerName + "' (" + router.settings().strategy().propertyValue() + ", "
                + router.settings().poolSize() + " routees of actor bean '" + routee.name() + "', "
                + routee.actorClass().getName() + ")");
        String refName = routerName + ROUTER_BEAN_SUFFIX;
        if (registry.isBeanNameInUse(refName)) {
            refName = "rt." + routerName + "." + ROUTER_BEAN_SUFFIX;
        }
        registry.registerBeanDefinition(refName, ref);
    }

    private ActorRefs refs() {
        return beanFactory.getBean(ActorRefs.class);
    }

    private RouterRefs routerRefs() {
        return beanFactory.getBean(RouterRefs.class);
    }
}
