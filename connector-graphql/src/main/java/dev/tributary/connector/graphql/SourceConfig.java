package dev.tributary.connector.graphql;

import dev.tributary.connector.http.ConfigProblems;
import dev.tributary.spi.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parsed and checked configuration of one GraphQL data source. Built once in
 * {@link GraphqlConnector#onInitialize()}; immutable and thread-safe.
 *
 * @param endpoint the absolute http(s) URL queries are POSTed to
 * @param headers extra request headers (e.g. {@code Authorization}); values are secrets and never printed
 * @param queries the configured queries, one per entity, in configuration order
 */
record SourceConfig(URI endpoint, Map<String, String> headers, List<QuerySpec> queries) {

    static final String ENDPOINT = "endpoint";
    static final String HEADERS = "headers";
    static final String QUERIES = "queries";

    private static final int MAX_PAGE_SIZE = 100_000;
    private static final Pattern ENTITY_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");
    private static final Set<String> QUERY_KEYS = Set.of("name", "query", "operationName", "dataPath", "nodePath",
            "pagination", "hasNextPagePath", "cursorPath", "pageSizeVariable", "offsetVariable", "cursorVariable",
            "totalCountPath", "batchSize", "variables", "primaryKey", "cursorField", "sinceVariable");

    SourceConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        queries = List.copyOf(Objects.requireNonNull(queries, "queries"));
    }

    /** The query configured for {@code entity}. */
    Optional<QuerySpec> query(String entity) {
        return queries.stream().filter(query -> query.name().equals(entity)).findFirst();
    }

    /** Shows the endpoint, the header names (never their values) and the query names. */
    @Override
    public String toString() {
        return "SourceConfig[endpoint=" + endpoint + ", headers=" + headers.keySet() + ", queries="
                + queries.stream().map(QuerySpec::name).toList() + "]";
    }

    /**
     * Parses and checks {@code config}, including every query document.
     *
     * @throws dev.tributary.spi.error.InvalidConfigException naming the first field at fault and listing all
     *     problems found
     */
    static SourceConfig from(Config config) {
        ConfigProblems problems = new ConfigProblems();
        URI endpoint = endpoint(config, problems);
        Map<String, String> headers = headers(config, problems);
        List<QuerySpec> queries = queries(config, problems);
        problems.throwIfAny();
        return new SourceConfig(endpoint, headers, queries);
    }

    private static URI endpoint(Config config, ConfigProblems problems) {
        Optional<Object> raw = config.get(ENDPOINT);
        if (raw.isEmpty() || raw.get().toString().isBlank()) {
            problems.add(ENDPOINT, "is required: the URL of the GraphQL API, e.g. https://api.example.com/graphql");
            return URI.create("http://invalid");
        }
        try {
            URI uri = new URI(raw.get().toString().trim());
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, without the value
        }
        problems.add(ENDPOINT, "must be an absolute http or https URL");
        return URI.create("http://invalid");
    }

    private static Map<String, String> headers(Config config, ConfigProblems problems) {
        Optional<Object> raw = config.get(HEADERS);
        Map<String, String> headers = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return headers;
        }
        if (!(raw.get() instanceof Map<?, ?> map)) {
            problems.add(HEADERS, "must be a JSON object of header name to value, e.g. {\"Authorization\": "
                    + "\"Bearer ...\"}");
            return headers;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (!HEADER_NAME.matcher(name).matches()) {
                problems.add(HEADERS, "header name '" + name + "' is not a valid HTTP header name");
            } else if (value == null || value instanceof Map || value instanceof List) {
                problems.add(HEADERS + "." + name, "must be text");
            } else if (value.toString().indexOf('\r') >= 0 || value.toString().indexOf('\n') >= 0) {
                problems.add(HEADERS + "." + name, "must not contain line breaks");
            } else {
                headers.put(name, value.toString());
            }
        }
        return headers;
    }

    private static List<QuerySpec> queries(Config config, ConfigProblems problems) {
        Optional<Object> raw = config.get(QUERIES);
        List<QuerySpec> queries = new ArrayList<>();
        if (raw.isEmpty()) {
            problems.add(QUERIES, "is required: a list of queries, one per entity");
            return queries;
        }
        if (!(raw.get() instanceof List<?> list) || list.isEmpty()) {
            problems.add(QUERIES, "must be a non-empty JSON array of query objects");
            return queries;
        }
        Set<String> names = new HashSet<>();
        QueryDocumentCheck check = new QueryDocumentCheck();
        for (int i = 0; i < list.size(); i++) {
            String field = QUERIES + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                problems.add(field, "must be a JSON object with at least name, query and dataPath");
                continue;
            }
            QueryReader reader = new QueryReader(i, map, problems);
            reader.parse().ifPresent(spec -> {
                if (!names.add(spec.name())) {
                    problems.add(spec.field("name"), "query name '" + spec.name()
                            + "' is used twice; entity names must be unique");
                } else {
                    queries.add(spec);
                }
                check.check(spec, problems);
            });
        }
        return queries;
    }

    /** Reads one query object, reporting each malformed setting. */
    private static final class QueryReader {
        private final int index;
        private final Map<?, ?> map;
        private final ConfigProblems problems;
        private boolean failed;

        QueryReader(int index, Map<?, ?> map, ConfigProblems problems) {
            this.index = index;
            this.map = map;
            this.problems = problems;
        }

        Optional<QuerySpec> parse() {
            for (Object key : map.keySet()) {
                if (!QUERY_KEYS.contains(String.valueOf(key))) {
                    fail(String.valueOf(key), "is not a query setting (known: " + String.join(", ",
                            QUERY_KEYS.stream().sorted().toList()) + ")");
                }
            }
            String name = text("name").orElse("");
            if (name.isEmpty()) {
                fail("name", "is required: the entity name, e.g. people");
            } else if (!ENTITY_NAME.matcher(name).matches()) {
                fail("name", "'" + name + "' must be lowercase letters, digits, '_' or '-' (it names a table)");
            }
            String query = text("query").orElse("");
            if (query.isBlank()) {
                fail("query", "is required: the GraphQL document of " + label(name));
            }
            Optional<JsonPath> dataPath = path("dataPath");
            if (map.get("dataPath") == null) {
                fail("dataPath", "is required: the dot path from data to the list of records, e.g. "
                        + "allPeople.edges");
            }
            Optional<Pagination> mode = pagination();
            Pagination pagination = mode.orElse(Pagination.NONE);
            Optional<JsonPath> hasNextPagePath = path("hasNextPagePath");
            Optional<JsonPath> cursorPath = path("cursorPath");
            // With an unknown mode (already reported) the settings that depend on it cannot be judged.
            mode.ifPresent(known -> checkPagingPaths(known, hasNextPagePath, cursorPath));
            String pageSizeVariable = variableName("pageSizeVariable",
                    pagination == Pagination.OFFSET ? "limit" : "first");
            String offsetVariable = variableName("offsetVariable", "offset");
            String cursorVariable = variableName("cursorVariable", "after");
            Optional<JsonPath> nodePath = path("nodePath");
            Optional<JsonPath> totalCountPath = path("totalCountPath");
            OptionalInt batchSize = batchSize();
            Map<String, Object> variables = variables();
            List<String> primaryKey = primaryKey();
            Optional<String> cursorField = text("cursorField").filter(text -> !text.isBlank());
            Optional<String> sinceVariable = text("sinceVariable").filter(text -> !text.isBlank());
            sinceVariable.ifPresent(since -> {
                if (!VARIABLE_NAME.matcher(since).matches()) {
                    fail("sinceVariable", "'" + since + "' is not a GraphQL variable name (write it without $)");
                } else if (cursorField.isEmpty()) {
                    fail("sinceVariable", "needs cursorField too: the runtime derives 'since' from the highest "
                            + "cursorField value it has stored");
                }
            });
            if (failed) {
                return Optional.empty();
            }
            return Optional.of(new QuerySpec(index, name, query, text("operationName").filter(t -> !t.isBlank()),
                    dataPath.orElseThrow(), nodePath, pagination, hasNextPagePath, cursorPath, pageSizeVariable,
                    offsetVariable, cursorVariable, totalCountPath, batchSize, variables, primaryKey, cursorField,
                    sinceVariable));
        }

        private void checkPagingPaths(Pagination pagination, Optional<JsonPath> hasNextPagePath,
                Optional<JsonPath> cursorPath) {
            if (pagination == Pagination.CURSOR) {
                if (map.get("hasNextPagePath") == null) {
                    fail("hasNextPagePath", "is required for cursor pagination, e.g. allPeople.pageInfo.hasNextPage");
                }
                if (map.get("cursorPath") == null) {
                    fail("cursorPath", "is required for cursor pagination, e.g. allPeople.pageInfo.endCursor");
                }
            } else if (cursorPath.isPresent()) {
                fail("cursorPath", "applies to cursor pagination only, but pagination is "
                        + pagination.configName());
            }
            if (pagination == Pagination.NONE && hasNextPagePath.isPresent()) {
                fail("hasNextPagePath", "applies to offset or cursor pagination only, but pagination is none");
            }
        }

        private static String label(String name) {
            return name.isEmpty() ? "this query" : "query '" + name + "'";
        }

        private void fail(String setting, String message) {
            failed = true;
            String name = map.get("name") instanceof String text && !text.isBlank() ? text : "";
            problems.add(QUERIES + "[" + index + "]." + setting, (name.isEmpty() ? "" : "query '" + name + "': ")
                    + message);
        }

        private Optional<String> text(String setting) {
            Object value = map.get(setting);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Map || value instanceof List) {
                fail(setting, "must be text");
                return Optional.empty();
            }
            return Optional.of(value.toString().trim());
        }

        private Optional<JsonPath> path(String setting) {
            return text(setting).flatMap(text -> {
                try {
                    return Optional.of(JsonPath.parse(text));
                } catch (IllegalArgumentException e) {
                    fail(setting, e.getMessage());
                    return Optional.empty();
                }
            });
        }

        private Optional<Pagination> pagination() {
            Optional<String> text = text("pagination");
            if (text.isEmpty() || text.get().isBlank()) {
                return Optional.of(Pagination.NONE);
            }
            Optional<Pagination> mode = Pagination.fromConfig(text.get());
            if (mode.isEmpty()) {
                fail("pagination", "unknown pagination mode '" + text.get() + "'; use one of "
                        + Pagination.accepted());
            }
            return mode;
        }

        private String variableName(String setting, String defaultName) {
            String name = text(setting).filter(text -> !text.isBlank()).orElse(defaultName);
            if (name.startsWith("$")) {
                name = name.substring(1);
            }
            if (!VARIABLE_NAME.matcher(name).matches()) {
                fail(setting, "'" + name + "' is not a GraphQL variable name");
            }
            return name;
        }

        private OptionalInt batchSize() {
            Object value = map.get("batchSize");
            if (value == null) {
                return OptionalInt.empty();
            }
            try {
                long size = value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                        ? number.longValue() : Long.parseLong(value.toString().trim());
                if (size >= 1 && size <= MAX_PAGE_SIZE) {
                    return OptionalInt.of((int) size);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            fail("batchSize", "must be a whole number from 1 to " + MAX_PAGE_SIZE);
            return OptionalInt.empty();
        }

        private Map<String, Object> variables() {
            Object value = map.get("variables");
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?> raw)) {
                fail("variables", "must be a JSON object of variable name to value");
                return Map.of();
            }
            Map<String, Object> variables = new LinkedHashMap<>();
            raw.forEach((key, v) -> variables.put(String.valueOf(key).startsWith("$")
                    ? String.valueOf(key).substring(1) : String.valueOf(key), v));
            return variables;
        }

        private List<String> primaryKey() {
            Object value = map.get("primaryKey");
            if (value == null) {
                return List.of("id");
            }
            List<?> raw = value instanceof List<?> list ? list : List.of(value);
            List<String> keys = raw.stream().filter(k -> k instanceof String s && !s.isBlank())
                    .map(k -> ((String) k).trim()).toList();
            if (keys.isEmpty() || keys.size() != raw.size()) {
                fail("primaryKey", "must be a field name or a list of field names");
                return List.of("id");
            }
            return keys;
        }
    }
}
