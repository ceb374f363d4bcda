package dev.tributary.runtime.server;

import dev.tributary.runtime.destination.DestinationResolver;
import dev.tributary.runtime.destination.InstalledDestination;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/destinations}: the installed kinds of destination, built-in first, as {@code tributary destinations
 * --json} lists them. Stateless, thread-safe.
 */
final class DestinationRoutes implements RouteGroup {

    private final DestinationResolver destinations;

    DestinationRoutes(DestinationResolver destinations) {
        this.destinations = Objects.requireNonNull(destinations, "destinations");
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/destinations", ctx -> ctx.json(
                Map.of("destinations", destinations.installed().stream().map(DestinationRoutes::toJson).toList())));
    }

    private static Map<String, Object> toJson(InstalledDestination destination) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", destination.metadata().id());
        json.put("name", destination.metadata().name());
        json.put("urlForms", destination.metadata().urlForms());
        json.put("typedTables", destination.metadata().typedTables());
        json.put("builtIn", destination.builtIn());
        json.put("provider", destination.providerClass());
        json.put("plugin", destination.plugin().orElse(null));
        return json;
    }
}
