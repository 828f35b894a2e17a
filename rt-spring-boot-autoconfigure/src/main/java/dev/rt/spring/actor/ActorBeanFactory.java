package dev.rt.spring.actor;

import dev.rt.Actor;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanFactory;

/**
 * The factory a supervisor calls on every (re)start of an actor bean: it asks the bean factory for a
 * fresh prototype instance, fully injected.
 */
public final class ActorBeanFactory implements Supplier<Actor<Object>> {

    private final BeanFactory beanFactory;
    private final String beanName;

    /**
     * @param beanFactory the bean factory
     * @param beanName the prototype actor bean
     */
    public ActorBeanFactory(BeanFactory beanFactory, String beanName) {
        this.beanFactory = beanFactory;
        this.beanName = beanName;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Actor<Object> get() {
        return beanFactory.getBean(beanName, Actor.class);
    }

    @Override
    public String toString() {
        return "ActorBeanFactory[" + beanName + "]";
    }
}
