package dev.rt.spring.router;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routers the application configured, in start order. Immutable.
 *
 * @param routers the routers
 */
public record RouterTopology(List<RouterDefinition> routers) {

    /** Copies the list. */
    public RouterTopology {
        routers = List.copyOf(routers);
    }

    /** @return no routers */
    public static RouterTopology empty() {
        return new RouterTopology(List.of());
    }

    /** @return each router's path ({@code /user/<name>}), by name, in start order */
    public Map<String, String> paths() {
        Map<String, String> paths = new LinkedHashMap<>();
        for (RouterDefinition router : routers) {
            paths.put(router.name(), router.path());
        }
        return paths;
    }
}
