package dev.tributary.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.plugin.EntityJson;
import dev.tributary.runtime.plugin.UnknownConnectorException;
import dev.tributary.runtime.source.SchemaJson;
import dev.tributary.runtime.source.SourceSyncOptions;
import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.DataSourceChanges;
import dev.tributary.runtime.store.DataSourceDraft;
import dev.tributary.runtime.store.RunTrigger;
import dev.tributary.runtime.store.Schedule;
import dev.tributary.runtime.store.SettingsArguments;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /api/sources}: data sources CRUD, connection test, entities with their declared schemas (and, under
 * {@code /schema}, the typed columns of their tables in each target database) and starting a sync. Secret config
 * fields are write-only: answers show them as {@value Config#REDACTED}, and an update that omits
 * a secret (or sends it empty or as {@value Config#REDACTED}) keeps the stored value. Thread-safe.
 */
final class SourceRoutes implements RouteGroup {

    private static final SettingsArguments SETTINGS = new SettingsArguments();

    private final Tributary tributary;
    private final SourceSyncs syncs;
    private final ObjectMapper json;

    SourceRoutes(Tributary tributary, SourceSyncs syncs, ObjectMapper json) {
        this.tributary = tributary;
        this.syncs = syncs;
        this.json = json;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/sources", ctx -> ctx.json(
                Map.of("sources", tributary.sources().stream().map(this::source).toList())));
        routes.post("/api/sources", this::create);
        routes.get("/api/sources/{name}", ctx -> ctx.json(source(tributary.source(ctx.pathParam("name")))));
        routes.put("/api/sources/{name}", this::update);
        routes.delete("/api/sources/{name}", ctx -> {
            tributary.removeSource(ctx.pathParam("name"));
            ctx.status(204);
        });
        routes.post("/api/sources/{name}/test", ctx -> {
            ConnectionTestResult result = tributary.testSource(ctx.pathParam("name"));
            ctx.json(Map.of("success", result.success(), "message", result.message()));
        });
        routes.get("/api/sources/{name}/entities", ctx -> ctx.json(Map.of("entities",
                tributary.sourceEntities(ctx.pathParam("name")).stream().map(EntityJson::of).toList())));
        routes.get("/api/sources/{name}/schema", ctx -> ctx.json(Map.of("entities",
                tributary.sourceSchema(ctx.pathParam("name")).stream().map(SchemaJson::of).toList())));
        routes.post("/api/sources/{name}/syncs", this::startSync);
    }

    private void create(Context ctx) {
        JsonNode body = body(ctx);
        String name = requireText(body, "name");
        try {
            DataSource.requireValidName(name);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidField("name", e.getMessage());
        }
        DataSourceDraft draft = DataSourceDraft.of(name, requireText(body, "connector"), config(body))
                .withSettings(settings(body, Settings.DEFAULTS));
        if (body.hasNonNull("targetDatabases")) {
            List<String> targets = textList(body, "targetDatabases");
            draft = invalidAsUnprocessable(draft, d -> d.withTargetDatabases(targets));
        }
        if (body.has("enabled")) {
            draft = draft.withEnabled(bool(body, "enabled"));
        }
        Optional<Schedule> schedule = schedule(body);
        if (schedule.isPresent()) {
            draft = draft.withSchedule(schedule.get());
        }
        DataSource created = invalidAsUnprocessable(draft, tributary::createSource);
        ctx.status(201).header("Location", "/api/sources/" + created.name()).json(source(created));
    }

    private void update(Context ctx) {
        String name = ctx.pathParam("name");
        DataSource current = tributary.source(name);
        JsonNode body = body(ctx);
        Map<String, Object> config = config(body);
        config.entrySet().removeIf(entry -> current.config().isSecret(entry.getKey())
                && (entry.getValue() == null || "".equals(entry.getValue())
                || Config.REDACTED.equals(entry.getValue())));
        DataSourceChanges changes = DataSourceChanges.NONE.withConfig(config);
        if (body.hasNonNull("settings")) {
            settings(body, current.settings()); // answers a malformed setting as an error on the settings field
            changes = changes.withSettings(settingTexts(body));
        }
        if (body.hasNonNull("targetDatabases")) {
            changes = changes.withTargetDatabases(textList(body, "targetDatabases"));
        }
        if (body.has("enabled")) {
            changes = changes.withEnabled(bool(body, "enabled"));
        }
        if (body.has("schedule")) {
            Optional<Schedule> schedule = schedule(body);
            changes = schedule.isPresent() ? changes.withSchedule(schedule.get()) : changes.withoutSchedule();
        }
        ctx.json(source(invalidAsUnprocessable(changes, c -> tributary.updateSource(name, c))));
    }

    private void startSync(Context ctx) {
        String name = ctx.pathParam("name");
        JsonNode body = ctx.body().isBlank() ? json.createObjectNode() : body(ctx);
        List<String> entities = body.hasNonNull("entities") ? textList(body, "entities") : List.of();
        boolean fullRefresh = body.has("fullRefresh") && bool(body, "fullRefresh");
        LiveRun run = syncs.start(name, new SourceSyncOptions(entities, fullRefresh, RunTrigger.API));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", run.runId());
        answer.put("source", name);
        answer.put("status", "running");
        answer.put("run", "/api/runs/" + run.runId());
        answer.put("events", "/api/runs/" + run.runId() + "/events");
        ctx.status(202).header("Location", "/api/runs/" + run.runId()).json(answer);
    }

    private Map<String, Object> source(DataSource source) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", source.name());
        answer.put("connector", source.connectorId());
        answer.put("config", source.config().redacted());
        answer.put("settings", SETTINGS.format(source.settings()));
        answer.put("targetDatabases", source.redactedTargetDatabases());
        answer.put("enabled", source.enabled());
        answer.put("schedule", source.schedule()
                .map(s -> Map.of("cron", s.cron(), "zone", s.zone().getId())).orElse(null));
        answer.put("running", syncs.runs().isRunning(source.name()));
        answer.put("createdAt", source.createdAt().toString());
        answer.put("updatedAt", source.updatedAt().toString());
        return answer;
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode body = json.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw ApiError.badRequest("the request body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw ApiError.badRequest("the request body is not valid JSON");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> config(JsonNode body) {
        JsonNode config = body.get("config");
        if (config == null || config.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!config.isObject()) {
            throw ApiError.invalidField("config", "config must be an object of the connector's fields");
        }
        return new LinkedHashMap<>(json.convertValue(config, Map.class));
    }

    /** Applies {@code step}, answering the runtime's IllegalArgumentException (a bad value it names) as 422. */
    private static <T, R> R invalidAsUnprocessable(T input, Function<T, R> step) {
        try {
            return step.apply(input);
        } catch (UnknownConnectorException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ApiError(422, "invalid", e.getMessage(), Optional.empty());
        }
    }

    private Settings settings(JsonNode body, Settings base) {
        try {
            return SETTINGS.apply(base, settingTexts(body));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidField("settings", e.getMessage());
        }
    }

    private static Map<String, String> settingTexts(JsonNode body) {
        JsonNode settings = body.get("settings");
        if (settings == null || settings.isNull()) {
            return Map.of();
        }
        if (!settings.isObject()) {
            throw ApiError.invalidField("settings", "settings must be an object, e.g. {\"batchSize\": 500}");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        settings.fields().forEachRemaining(entry -> texts.put(entry.getKey(), entry.getValue().asText()));
        return texts;
    }

    private static Optional<Schedule> schedule(JsonNode body) {
        JsonNode schedule = body.get("schedule");
        if (schedule == null || schedule.isNull()) {
            return Optional.empty();
        }
        JsonNode cron = schedule.get("cron");
        if (!schedule.isObject() || cron == null || !cron.isTextual()) {
            throw ApiError.invalidField("schedule", "schedule must be {\"cron\": \"0 * * * *\", \"zone\": \"UTC\"}");
        }
        JsonNode zone = schedule.get("zone");
        try {
            return Optional.of(Schedule.of(cron.asText(), zone == null || zone.isNull() ? "UTC" : zone.asText()));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidField("schedule", e.getMessage());
        }
    }

    private static String requireText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiError.invalidField(field, field + " is required");
        }
        return value.asText().strip();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value.getNodeType() != JsonNodeType.BOOLEAN) {
            throw ApiError.invalidField(field, field + " must be true or false");
        }
        return value.asBoolean();
    }

    private static List<String> textList(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (!value.isArray()) {
            throw ApiError.invalidField(field, field + " must be a list of texts");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw ApiError.invalidField(field, field + " must be a list of texts");
            }
            texts.add(element.asText());
        }
        return texts;
    }
}
