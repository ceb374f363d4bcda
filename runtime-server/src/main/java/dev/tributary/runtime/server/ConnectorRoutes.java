package dev.tributary.runtime.server;

import dev.tributary.runtime.plugin.ConnectorInfo;
import dev.tributary.runtime.plugin.ConnectorRegistry;
import dev.tributary.runtime.plugin.EntityJson;
import dev.tributary.runtime.plugin.PluginFailure;
import dev.tributary.runtime.plugin.PluginReport;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigSchema;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/connectors} (metadata, config schema, entities with their declared schemas, icons) and
 * {@code /api/plugins} (loaded and failed plugins with the reason). Reads the registry on every request, so plugins
 * added to a watched folder show up without a restart. Thread-safe.
 */
final class ConnectorRoutes implements RouteGroup {

    /** Icons may be SVG with scripts; this policy keeps any script in them from running when opened directly. */
    private static final String ICON_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private final ConnectorRegistry registry;

    ConnectorRoutes(ConnectorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/connectors", ctx -> ctx.json(
                Map.of("connectors", registry.connectors().stream().map(ConnectorRoutes::summary).toList())));
        routes.get("/api/connectors/{id}", ctx -> ctx.json(detail(connector(ctx))));
        routes.get("/api/connectors/{id}/icon.svg", this::icon);
        routes.get("/api/plugins", ctx -> ctx.json(
                Map.of("plugins", registry.plugins().stream().map(ConnectorRoutes::plugin).toList())));
    }

    private ConnectorInfo connector(Context ctx) {
        String id = ctx.pathParam("id");
        return registry.connector(id).orElseThrow(() -> ApiError.notFound("connector", id));
    }

    private void icon(Context ctx) {
        ConnectorInfo connector = connector(ctx);
        byte[] svg = registry.icon(connector.id())
                .orElseThrow(() -> new ApiError(404, "not_found", "connector '" + connector.id() + "' has no icon",
                        Optional.empty()));
        String etag = "\"" + HexFormat.of().formatHex(sha256(svg), 0, 16) + "\"";
        // Revalidate every time (cheap 304s): a plugin may be replaced while the server runs.
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("ETag", etag);
        ctx.header("Content-Security-Policy", ICON_POLICY);
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType("image/svg+xml").result(svg);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Object> summary(ConnectorInfo connector) {
        ConnectorMetadata metadata = connector.metadata();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", metadata.id());
        json.put("name", metadata.name());
        json.put("version", metadata.version());
        json.put("description", metadata.description());
        json.put("plugin", connector.plugin().name());
        json.put("icon", connector.hasIcon() ? "/api/connectors/" + metadata.id() + "/icon.svg" : null);
        return json;
    }

    private static Map<String, Object> detail(ConnectorInfo connector) {
        Map<String, Object> json = summary(connector);
        json.put("configSchema", schema(connector.metadata().configSchema()));
        json.put("entities", connector.metadata().supportedEntities().stream().map(EntityJson::of).toList());
        return json;
    }

    /** The JSON form of a config schema, as the console's generated form reads it. */
    static Map<String, Object> schema(ConfigSchema schema) {
        return Map.of("fields", schema.fields().stream().map(ConnectorRoutes::field).toList());
    }

    private static Map<String, Object> field(ConfigField field) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", field.name());
        json.put("label", field.label());
        json.put("type", field.type().name().toLowerCase(Locale.ROOT));
        json.put("required", field.required());
        json.put("secret", field.secret());
        json.put("default", field.defaultValue().orElse(null));
        json.put("help", field.help());
        return json;
    }

    private static Map<String, Object> plugin(PluginReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", report.location().name());
        json.put("path", report.location().toString());
        json.put("kind", report.location().kind().name().toLowerCase(Locale.ROOT));
        json.put("status", report.status().name().toLowerCase(Locale.ROOT));
        json.put("spiVersion", report.spiVersion().orElse(null));
        json.put("connectors", report.connectorIds());
        json.put("destinations", report.destinationIds());
        json.put("failures", report.failures().stream().map(ConnectorRoutes::failure).toList());
        return json;
    }

    private static Map<String, Object> failure(PluginFailure failure) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", failure.kind().name().toLowerCase(Locale.ROOT));
        json.put("path", failure.path().toString());
        json.put("cause", failure.cause());
        json.put("hint", failure.hint());
        return json;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
