package dev.rt.spring.diagnostics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

/**
 * Reports an {@code rt.*} property whose value cannot be converted: the property, its value, where it
 * was set, and the values it accepts (every constant of an enum, such as the supervision strategies).
 * Other properties are left to Spring Boot's own analysis.
 */
public final class RtPropertyBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        BindException innermost = cause;
        for (Throwable at = cause.getCause(); at != null; at = at.getCause()) {
            if (at instanceof BindException nested) {
                innermost = nested;
            }
        }
        String property = innermost.getName().toString();
        if (!property.startsWith("rt.")) {
            return null;
        }
        Class<?> type = elementType(innermost.getTarget().getType());
        ConfigurationProperty bound = innermost.getProperty();
        StringBuilder description = new StringBuilder("Invalid rt configuration: ").append(property);
        if (bound != null) {
            description.append(" = '").append(bound.getValue()).append('\'');
            if (bound.getOrigin() != null) {
                description.append(" (from ").append(bound.getOrigin()).append(')');
            }
        }
        description.append(": the value is not ").append(expected(type));
        Throwable reason = innermost.getCause();
        if (reason != null && reason.getMessage() != null && !type.isEnum()) {
            description.append(" (").append(reason.getMessage()).append(')');
        }
        return new FailureAnalysis(description.toString(), action(property, type), cause);
    }

    /** @return the bound type, or the element type of a collection (such as a set of permissions) */
    private static Class<?> elementType(ResolvableType target) {
        Class<?> type = target.resolve(Object.class);
        if (Collection.class.isAssignableFrom(type)) {
            Class<?> element = target.asCollection().getGeneric(0).resolve();
            if (element != null && element.isEnum()) {
                return element;
            }
        }
        return type;
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of the accepted values";
        }
        if (type == Duration.class) {
            return "a duration";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        return "a " + type.getSimpleName();
    }

    private static String action(String property, Class<?> type) {
        if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                values.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            return "Set " + property + " to one of: " + String.join(", ", values) + ".";
        }
        if (type == Duration.class) {
            return "Set " + property + " to a duration such as 500ms, 5s, 1m or PT5S.";
        }
        return "Set " + property + " to " + expected(type) + ".";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
