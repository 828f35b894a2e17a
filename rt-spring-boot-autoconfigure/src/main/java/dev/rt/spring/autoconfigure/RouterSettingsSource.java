package dev.rt.spring.autoconfigure;

import dev.rt.spring.router.RouterSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Reads {@code rt.routers.*} straight from the environment, for the bean registrar that registers the
 * routers' refs before any bean (and so before {@link RtProperties}) exists. Values are checked like
 * the other properties; a value that cannot be converted fails with Spring Boot's bind error, which
 * {@link dev.rt.spring.diagnostics.RtPropertyBindFailureAnalyzer} explains.
 */
final class RouterSettingsSource implements Supplier<List<RouterSettings>> {

    private final Environment environment;

    RouterSettingsSource(Environment environment) {
        this.environment = environment;
    }

    @Override
    public List<RouterSettings> get() {
        Map<String, RtProperties.Router> routers = Binder.get(environment)
                .bind("rt.routers", Bindable.mapOf(String.class, RtProperties.Router.class))
                .orElseGet(Map::of);
        return RtPropertiesValidator.routers(routers);
    }
}
