package dev.tributary.connector.rest;

import dev.tributary.connector.http.ConfigProblems;
import dev.tributary.connector.http.JsonHttpClient;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parsed and checked configuration document of one REST data source. Every problem (unknown key, a paginator
 * missing its parameter, a placeholder no parent provides, a malformed records path) is collected and reported at
 * once, naming its location such as {@code resources[1].paginator.cursor_param}. Immutable.
 *
 * @param baseUrl the absolute http(s) URL paths resolve against
 * @param headers extra headers sent with every request (secret values)
 * @param auth how requests authenticate
 * @param resources the resources, one per entity, in document order
 * @param requestsPerSecond the request budget
 */
record RestConfig(String baseUrl, Map<String, String> headers, Auth auth, List<Resource> resources,
        double requestsPerSecond) {

    static final String BASE_URL = "base_url";
    static final String HEADERS = "headers";
    static final String AUTH = "auth";
    static final String RESOURCES = "resources";
    static final String REQUESTS_PER_SECOND = "requests_per_second";
    static final long DEFAULT_PAGE_SIZE = 100;
    static final double DEFAULT_REQUESTS_PER_SECOND = 10;

    static final Set<String> TOP_KEYS = Set.of(BASE_URL, HEADERS, AUTH, RESOURCES, REQUESTS_PER_SECOND);
    static final Set<String> RESOURCE_KEYS = Set.of("name", "path", "method", "params", "body", "records",
            "primary_key", "schema", "paginator", "incremental", "parent");
    static final Set<String> PAGINATOR_KEYS = Set.of("type", "offset_param", "limit_param", "limit", "total_path",
            "total_header", "page_param", "start_page", "page_size_param", "page_size", "total_pages_path",
            "cursor_param", "cursor_path", "cursor_record_field", "has_more_path", "next_url_path", "rel");
    static final Set<String> INCREMENTAL_KEYS = Set.of("cursor_field", "param", "format");
    static final Set<String> AUTH_KEYS = Set.of("type", "token", "username", "password", "name", "value", "in",
            "token_url", "client_id", "client_secret", "scopes", "refresh_before_seconds");
    private static final Pattern ENTITY_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    /** Shows everything but credentials and header values. */
    @Override
    public String toString() {
        return "RestConfig[baseUrl=" + baseUrl + ", headers=" + headers.keySet() + ", auth=" + auth
                + ", resources=" + resources.stream().map(Resource::name).toList() + "]";
    }

    Optional<Resource> resource(String name) {
        return resources.stream().filter(resource -> resource.name().equals(name)).findFirst();
    }

    /**
     * Parses and checks the document.
     *
     * @throws dev.tributary.spi.error.InvalidConfigException naming the first location at fault, listing all
     */
    static RestConfig from(Config config) {
        ConfigProblems problems = new ConfigProblems();
        ConfigObject top = ConfigObject.open("", config.asMap(), TOP_KEYS, problems).orElseThrow();
        String baseUrl = top.requiredText(BASE_URL, "https://api.example.com/v1").orElse("http://invalid/");
        if (JsonHttpClient.baseUrl(baseUrl).isEmpty()) {
            top.problem(BASE_URL, "must be an absolute http or https URL");
        }
        Map<String, String> headers = top.scalars(HEADERS);
        Auth auth = top.object(AUTH, AUTH_KEYS).map(RestConfig::auth).orElse(new Auth.None());
        double rate = DEFAULT_REQUESTS_PER_SECOND;
        if (top.has(REQUESTS_PER_SECOND)) {
            if (top.raw(REQUESTS_PER_SECOND) instanceof Number number && number.doubleValue() > 0) {
                rate = number.doubleValue();
            } else {
                top.problem(REQUESTS_PER_SECOND, "must be a positive number of requests per second, e.g. 20");
            }
        }
        List<Resource> resources = resources(top);
        problems.throwIfAny();
        return new RestConfig(baseUrl, headers, auth, resources, rate);
    }

    private static Auth auth(ConfigObject auth) {
        String type = auth.choice("type", Auth.TYPES).orElse("none");
        return switch (type) {
            case "bearer" -> new Auth.Bearer(auth.requiredText("token", "\"token\": \"<your API token>\"").orElse(""));
            case "basic" -> new Auth.Basic(auth.requiredText("username", "\"username\": \"me\"").orElse(""),
                    auth.text("password").orElse(""));
            case "api_key" -> new Auth.ApiKey(auth.requiredText("name", "\"name\": \"X-API-Key\"").orElse("x"),
                    auth.requiredText("value", "\"value\": \"<your key>\"").orElse(""),
                    auth.choice("in", List.of("header", "query")).orElse("header").equals("query"));
            case "oauth2_client_credentials" -> {
                String url = auth.requiredText("token_url", "https://auth.example.com/oauth/token").orElse("");
                if (!url.isEmpty() && JsonHttpClient.baseUrl(url).isEmpty()) {
                    auth.problem("token_url", "must be an absolute http or https URL");
                }
                yield new Auth.OAuth2(url, auth.requiredText("client_id", "\"client_id\": \"…\"").orElse(""),
                        auth.requiredText("client_secret", "\"client_secret\": \"…\"").orElse(""),
                        auth.texts("scopes").map(scopes -> String.join(" ", scopes)),
                        auth.number("refresh_before_seconds", 0).orElse(60));
            }
            default -> new Auth.None();
        };
    }

    private static List<Resource> resources(ConfigObject top) {
        List<Resource> resources = new ArrayList<>();
        if (!(top.raw(RESOURCES) instanceof List<?> list) || list.isEmpty()) {
            top.problem(RESOURCES, "is required: a non-empty list of resources, each with at least name and path");
            return resources;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String location = RESOURCES + "[" + i + "]";
            ConfigObject.open(location, list.get(i), RESOURCE_KEYS, top.problems()).flatMap(RestConfig::resource)
                    .ifPresent(resource -> {
                        if (index.putIfAbsent(resource.name(), resources.size()) != null) {
                            top.problems().add(location + ".name", "'" + resource.name()
                                    + "' is used by another resource; names must be unique");
                        }
                        resources.add(resource);
                    });
        }
        for (int i = 0; i < resources.size(); i++) {
            checkParent(resources.get(i), resources, index, top.problems());
        }
        return resources;
    }

    private static void checkParent(Resource resource, List<Resource> all, Map<String, Integer> index,
            ConfigProblems problems) {
        String location = RESOURCES + "[" + all.indexOf(resource) + "]";
        List<String> placeholders = resource.placeholders();
        if (resource.parent().isEmpty()) {
            if (!placeholders.isEmpty()) {
                problems.add(location + ".path", "uses {" + placeholders.get(0) + "} but no parent provides it; "
                        + "set \"parent\" to the resource whose records fill the placeholders");
            }
            return;
        }
        String parent = resource.parent().get();
        Integer parentIndex = index.get(parent);
        if (parentIndex == null) {
            problems.add(location + ".parent", "names no resource: '" + parent + "'");
        } else if (all.get(parentIndex).parent().isPresent()) {
            problems.add(location + ".parent", "'" + parent + "' is itself a child resource; only one level of "
                    + "parents is supported");
        } else if (parent.equals(resource.name())) {
            problems.add(location + ".parent", "a resource cannot be its own parent");
        }
        if (placeholders.isEmpty()) {
            problems.add(location + ".path", "has no {field} placeholder for the parent '" + parent + "' to fill");
        }
        for (String field : placeholders) {
            if (!field.matches("[A-Za-z0-9_-]+")) {
                problems.add(location + ".path", "placeholder {" + field + "} must name one top-level field of the "
                        + "parent record, e.g. {id}");
            }
        }
    }

    private static Optional<Resource> resource(ConfigObject object) {
        Optional<String> name = object.requiredText("name", "\"name\": \"customers\"");
        name.filter(text -> !ENTITY_NAME.matcher(text).matches()).ifPresent(text -> object.problem("name",
                "must be lowercase letters, digits, '_' or '-', starting with a letter or digit"));
        Optional<String> path = object.requiredText("path", "\"path\": \"/customers\"");
        String method = object.choice("method", List.of("GET", "POST")).orElse("GET");
        Map<String, String> params = object.scalars("params");
        Map<String, Object> body = new LinkedHashMap<>();
        if (object.has("body")) {
            if (!method.equals("POST")) {
                object.problem("body", "is only sent with \"method\": \"POST\"");
            } else if (object.raw("body") instanceof Map<?, ?> map) {
                map.forEach((key, value) -> body.put(String.valueOf(key), value));
            } else {
                object.problem("body", "must be a JSON object");
            }
        }
        BodyPath records = BodyPath.root();
        Optional<String> recordsText = object.text("records");
        if (recordsText.isPresent()) {
            try {
                records = BodyPath.parse(recordsText.get());
            } catch (IllegalArgumentException e) {
                object.problem("records", e.getMessage());
            }
        }
        List<String> primaryKey = object.texts("primary_key").orElse(List.of("id"));
        Optional<EntitySchema> schema = schema(object);
        Paginator paginator = paginator(object);
        Optional<Incremental> incremental = object.object("incremental", INCREMENTAL_KEYS).flatMap(inc -> {
            Optional<String> field = inc.requiredText("cursor_field", "\"cursor_field\": \"updated_at\"");
            String format = inc.choice("format", Incremental.FORMATS).orElse("iso8601");
            return field.map(f -> new Incremental(f, inc.text("param"), format));
        });
        Optional<String> parent = object.text("parent");
        if (name.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Resource(name.get(), path.get(), method, params, body, records, primaryKey, schema,
                paginator, incremental, parent));
    }

    private static Paginator paginator(ConfigObject resource) {
        if (!resource.has("paginator")) {
            return new Paginator.None();
        }
        if (resource.raw("paginator") instanceof String text && text.trim().equals("none")) {
            return new Paginator.None();
        }
        Optional<ConfigObject> opened = resource.object("paginator", PAGINATOR_KEYS);
        if (opened.isEmpty()) {
            return new Paginator.None();
        }
        ConfigObject p = opened.get();
        String type = p.has("type") ? p.choice("type", Paginator.TYPES).orElse("none") : "";
        if (type.isEmpty()) {
            p.problem("type", "is required: one of " + String.join(", ", Paginator.TYPES));
        }
        OptionalLong pageSize = p.number("page_size", 1);
        Optional<String> sizeParam = p.text("page_size_param");
        return switch (type) {
            case "offset" -> new Paginator.Offset(p.text("offset_param").orElse("offset"),
                    p.text("limit_param").orElse("limit"), p.number("limit", 1).orElse(DEFAULT_PAGE_SIZE),
                    path(p, "total_path"), p.text("total_header"));
            case "page_number" -> new Paginator.PageNumber(
                    p.requiredText("page_param", "\"page_param\": \"page\"").orElse("page"),
                    p.number("start_page", 0).orElse(1), sizeParam, pageSize, path(p, "total_pages_path"));
            case "cursor" -> {
                String param = p.requiredText("cursor_param", "\"cursor_param\": \"starting_after\"").orElse("c");
                Optional<BodyPath> cursorPath = path(p, "cursor_path");
                Optional<String> recordField = p.text("cursor_record_field");
                if (!p.has("cursor_path") && recordField.isEmpty()) {
                    p.problem("cursor_path", "or cursor_record_field is required (exactly one): where the next "
                            + "cursor is, e.g. \"cursor_path\": \"meta.next_cursor\" or \"cursor_record_field\": \"id\"");
                } else if (p.has("cursor_path") && recordField.isPresent()) {
                    p.problem("cursor_record_field", "cannot be combined with cursor_path; keep one");
                }
                yield new Paginator.Cursor(param, cursorPath, recordField, path(p, "has_more_path"), sizeParam,
                        pageSize);
            }
            case "next_url" -> {
                Optional<BodyPath> next = path(p, "next_url_path");
                if (!p.has("next_url_path")) {
                    p.problem("next_url_path", "is required for the next_url paginator, e.g. \"next\" or "
                            + "\"links.next\"");
                }
                yield new Paginator.NextUrl(next.orElse(BodyPath.root()));
            }
            case "link_header" -> new Paginator.LinkHeader(p.text("rel").orElse("next"));
            default -> new Paginator.None();
        };
    }

    private static Optional<BodyPath> path(ConfigObject object, String key) {
        Optional<String> text = object.text(key);
        try {
            return text.map(BodyPath::parse);
        } catch (IllegalArgumentException e) {
            object.problem(key, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<EntitySchema> schema(ConfigObject resource) {
        if (!resource.has("schema")) {
            return Optional.empty();
        }
        if (!(resource.raw("schema") instanceof Map<?, ?> map) || map.isEmpty()) {
            resource.problem("schema", "must be a JSON object of field name to type, e.g. {\"id\": \"integer\"}");
            return Optional.empty();
        }
        List<SchemaField> fields = new ArrayList<>();
        map.forEach((name, hint) -> {
            String location = resource.at("schema") + "." + name;
            String[] parts = String.valueOf(hint).trim().toLowerCase(Locale.ROOT).split(":", 2);
            try {
                FieldType type = FieldType.valueOf(parts[0].toUpperCase(Locale.ROOT));
                ValueFormat format = parts.length == 2 ? ValueFormat.valueOf(parts[1].toUpperCase(Locale.ROOT))
                        : ValueFormat.DEFAULT;
                fields.add(SchemaField.of(String.valueOf(name), type).withFormat(format));
            } catch (IllegalArgumentException e) {
                resource.problems().add(location, "must be a type (string, integer, number, boolean, timestamp, "
                        + "date, json, object, array), optionally with a format after ':' (epoch_seconds, "
                        + "epoch_millis, iso_8601, decimal_string), e.g. \"timestamp:epoch_seconds\"");
            }
        });
        return fields.isEmpty() ? Optional.empty() : Optional.of(new EntitySchema(fields));
    }
}
