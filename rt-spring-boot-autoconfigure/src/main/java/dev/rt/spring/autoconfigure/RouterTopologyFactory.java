package dev.rt.spring.autoconfigure;

import dev.rt.MailboxConfig;
import dev.rt.SpawnOptions;
import dev.rt.SupervisorSpec;
import dev.rt.spring.InvalidRtConfigurationException;
import dev.rt.spring.actor.ActorBeanFactory;
import dev.rt.spring.actor.ActorDeclaration;
import dev.rt.spring.actor.ActorTopology;
import dev.rt.spring.actor.RtActorBeanRegistrar;
import dev.rt.spring.router.RouterDeclaration;
import dev.rt.spring.router.RouterDefinition;
import dev.rt.spring.router.RouterSettings;
import dev.rt.spring.router.RouterTopology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;

/**
 * Turns the routers the registrar resolved into {@link RouterDefinition}s: the routee factory (the actor
 * bean's prototype), its mailbox and dispatcher from {@code @RtActor}, and the strategy with its key
 * function bean. Checks that each router's path {@code /user/<name>} is free and that the key function
 * exists and fits the routees' message type.
 */
final class RouterTopologyFactory {

    private final RtProperties properties;
    private final RtActorBeanRegistrar registrar;
    private final ActorTopology topology;
    private final ConfigurableListableBeanFactory beanFactory;

    RouterTopologyFactory(RtProperties properties, RtActorBeanRegistrar registrar, ActorTopology topology,
                          ConfigurableListableBeanFactory beanFactory) {
        this.properties = properties;
        this.registrar = registrar;
        this.topology = topology;
        this.beanFactory = beanFactory;
    }

    RouterTopology create() {
        Map<String, String> taken = topLevelNames(topology);
        MailboxConfig defaultMailbox = ActorSystemFactory.defaultMailbox(properties);
        List<RouterDefinition> routers = new ArrayList<>();
        for (RouterDeclaration router : registrar.routers()) {
            RouterSettings settings = router.settings();
            String other = taken.get(settings.name());
            if (other != null) {
                throw new InvalidRtConfigurationException("rt.routers." + settings.name(), settings.name(),
                        "/user/" + settings.name() + " is already taken by " + other,
                        "Rename the router or the " + other + ": a router's routees run under a supervisor "
                                + "named after the router, at /user/<router name>.");
            }
            ActorDeclaration routee = router.routee();
            SpawnOptions options = new SpawnOptions(routee.mailbox() != null ? routee.mailbox() : defaultMailbox,
                    routee.dispatcher());
            Function<Object, ?> key = settings.hashKeyBean() == null ? null : hashKey(settings, routee);
            routers.add(new RouterDefinition(settings.name(), new ActorBeanFactory(beanFactory, routee.beanName()),
                    options, settings.strategy().create(key), settings.poolSize(), settings.maxRestarts(),
                    settings.period()));
        }
        return new RouterTopology(routers);
    }

    /**
     * @param topology the declared supervision trees and actors
     * @return what already lives directly under {@code /user}, described, by name
     */
    static Map<String, String> topLevelNames(ActorTopology topology) {
        Map<String, String> names = new HashMap<>();
        for (SupervisorSpec supervisor : topology.supervisors()) {
            names.put(supervisor.name(), "supervisor '" + supervisor.name() + "'");
        }
        for (ActorTopology.TopLevelActor actor : topology.actors()) {
            names.put(actor.name(), "actor bean '" + actor.name() + "'");
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private Function<Object, ?> hashKey(RouterSettings settings, ActorDeclaration routee) {
        String property = settings.property("hash-key-bean");
        String bean = settings.hashKeyBean();
        String action = "Declare a bean of type java.util.function.Function<" + routee.messageType()
                + ", ?> that returns the routing key of a message, and set " + property + " to its name.";
        if (!beanFactory.containsBean(bean)) {
            throw new InvalidRtConfigurationException(property, bean, "no bean is named '" + bean + "'", action);
        }
        if (!beanFactory.isTypeMatch(bean, Function.class)) {
            Class<?> type = beanFactory.getType(bean);
            throw new InvalidRtConfigurationException(property, bean, "the bean is "
                    + (type == null ? "not" : "a " + type.getName() + ", not") + " a java.util.function.Function",
                    action);
        }
        Function<Object, ?> function = beanFactory.getBean(bean, Function.class);
        ResolvableType input = declaredInput(bean);
        if (input != null && !input.isAssignableFrom(routee.messageType())) {
            throw new InvalidRtConfigurationException(property, bean, "the function takes " + input
                    + ", but the routees' messages are " + routee.messageType(), action);
        }
        return function;
    }

    private ResolvableType declaredInput(String bean) {
        if (!beanFactory.containsBeanDefinition(bean)) {
            return null;
        }
        BeanDefinition definition = beanFactory.getMergedBeanDefinition(bean);
        if (!(definition instanceof RootBeanDefinition root)) {
            return null;
        }
        ResolvableType input = root.getResolvableType().as(Function.class).getGeneric(0);
        return input.resolve() == null ? null : input;
    }
}
