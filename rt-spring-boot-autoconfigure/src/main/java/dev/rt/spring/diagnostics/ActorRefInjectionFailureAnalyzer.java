package dev.rt.spring.diagnostics;

import dev.rt.ActorRef;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

/**
 * Reports an {@link ActorRef} that cannot be injected, because no actor matches or several do: which
 * injection point, what it asked for, and every actor ref the application has (name and type), so the
 * fix is a look away.
 */
public final class ActorRefInjectionFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
        implements Ordered {

    private final BeanFactory beanFactory;

    /**
     * @param beanFactory the application's bean factory, or {@code null}
     */
    public ActorRefInjectionFailureAnalyzer(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        ResolvableType required = cause.getResolvableType();
        if (required == null || required.resolve() != ActorRef.class) {
            return null;
        }
        UnsatisfiedDependencyException unsatisfied = findCause(rootFailure, UnsatisfiedDependencyException.class);
        InjectionPoint injectionPoint = unsatisfied == null ? null : unsatisfied.getInjectionPoint();
        String qualifier = qualifier(injectionPoint);
        StringBuilder description = new StringBuilder();
        description.append(injectionPoint == null ? "A bean" : describe(injectionPoint))
                .append(" requires ").append(required)
                .append(qualifier == null ? "" : " with @Qualifier(\"" + qualifier + "\")");
        if (cause instanceof NoUniqueBeanDefinitionException ambiguous) {
            description.append(", but ").append(ambiguous.getNumberOfBeansFound())
                    .append(" actor refs match: ").append(ambiguous.getBeanNamesFound()).append('.');
        } else {
            description.append(", but no actor ref matches.");
        }
        List<String> candidates = candidates();
        description.append(System.lineSeparator()).append(System.lineSeparator())
                .append(candidates.isEmpty() ? "The application declares no actor refs."
                        : "Actor refs of this application:");
        for (String candidate : candidates) {
            description.append(System.lineSeparator()).append("\t- ").append(candidate);
        }
        String action = cause instanceof NoUniqueBeanDefinitionException
                ? "Select one actor with @Qualifier(\"<actor name>\") on the injection point, or make the message "
                        + "types distinct."
                : "Inject ActorRef<M> with the message type of one of the actors above (or select it with "
                        + "@Qualifier(\"<actor name>\")), or declare the actor: a class implementing Actor<M> "
                        + "annotated with @RtActor.";
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private List<String> candidates() {
        List<String> out = new ArrayList<>();
        if (!(beanFactory instanceof ConfigurableListableBeanFactory factory)) {
            return out;
        }
        for (String name : factory.getBeanNamesForType(ActorRef.class, true, false)) {
            StringBuilder line = new StringBuilder(name);
            if (factory.containsBeanDefinition(name)) {
                BeanDefinition definition = factory.getMergedBeanDefinition(name);
                if (definition instanceof RootBeanDefinition root) {
                    ResolvableType type = root.getResolvableType();
                    line.append(": ").append(type);
                    AutowireCandidateQualifier qualifier = root.getQualifier(Qualifier.class.getName());
                    if (qualifier != null) {
                        line.append(" @Qualifier(\"").append(qualifier.getAttribute("value")).append("\")");
                    }
                }
                String about = factory.getBeanDefinition(name).getDescription();
                if (about != null) {
                    line.append(" - ").append(about);
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    private static String qualifier(InjectionPoint injectionPoint) {
        if (injectionPoint == null) {
            return null;
        }
        for (Annotation annotation : injectionPoint.getAnnotations()) {
            if (annotation instanceof Qualifier qualifier) {
                return qualifier.value();
            }
        }
        return null;
    }

    private static String describe(InjectionPoint injectionPoint) {
        Member member = injectionPoint.getMember();
        String owner = member.getDeclaringClass().getName();
        if (member instanceof Field field) {
            return "Field '" + field.getName() + "' in " + owner;
        }
        if (member instanceof Constructor<?>) {
            return "Parameter " + parameterIndex(injectionPoint) + " of the constructor of " + owner;
        }
        if (member instanceof Method method) {
            return "Parameter " + parameterIndex(injectionPoint) + " of method '" + method.getName() + "' in " + owner;
        }
        return owner;
    }

    private static int parameterIndex(InjectionPoint injectionPoint) {
        return injectionPoint.getMethodParameter() == null ? 0 : injectionPoint.getMethodParameter().getParameterIndex();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
