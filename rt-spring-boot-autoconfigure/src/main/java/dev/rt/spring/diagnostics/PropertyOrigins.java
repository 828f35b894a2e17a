package dev.rt.spring.diagnostics;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/** Finds where a property was set (file and line), for failure messages. */
final class PropertyOrigins {

    private PropertyOrigins() {
    }

    /**
     * @param environment the environment, or {@code null}
     * @param property a property name, such as {@code rt.default-mailbox.capacity}
     * @return " (from <origin>)", or empty if unknown
     */
    static String of(Environment environment, String property) {
        if (environment == null || !ConfigurationPropertyName.isValid(property)) {
            return "";
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null && found.getOrigin() != null) {
                return " (from " + found.getOrigin() + ")";
            }
        }
        return "";
    }
}
