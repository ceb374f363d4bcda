package dev.tributary.connector.graphql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphqlErrorException;
import graphql.introspection.Introspection;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real GraphQL server on loopback for tests: graphql-java executing {@code fixtures/graphql/paged-schema.graphql}
 * over the SWAPI records of {@code fixtures/graphql/swapi-data.json}, served by the JDK's {@link HttpServer} at
 * {@code POST /graphql} with the standard JSON wire format.
 *
 * <p>Cursor connections follow graphql-java's {@code SimpleListConnection} (cursor = base64("simple-cursor" +
 * index)); offset pages answer {@code items/totalCount/limit/offset/hasMore}; {@code editedSince} and
 * {@code orderBy} filter and order people. Tests can inject faults: canned HTTP responses served before the next
 * execution ({@link #enqueue}), a broken cursor that never advances ({@link #repeatCursors}), a field that fails for
 * one person ({@link #failBirthYearOf}), and a required header ({@link #requireHeader}). Every request body is
 * recorded.
 *
 * <p>Thread-safe enough for one test: configuration methods are called before or between fetches.
 */
final class SwapiGraphqlServer implements AutoCloseable {

    /** A canned HTTP response served instead of executing the next request (status 0: no response at all). */
    record CannedResponse(int status, Map<String, String> headers, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final GraphQL graphql;
    private final Map<String, List<Map<String, Object>>> data;
    private final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();
    private final List<String> requestTargets = new CopyOnWriteArrayList<>();
    private final Deque<CannedResponse> canned = new ArrayDeque<>();
    private volatile boolean repeatCursors;
    private volatile Integer failingPersonId;
    private volatile String requiredHeader;
    private volatile String requiredValue;
    private volatile boolean introspectionDisabled;
    private volatile boolean bigIntsAsNumbers;

    private SwapiGraphqlServer() throws IOException {
        data = loadData();
        graphql = GraphQL.newGraphQL(schema()).build();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/graphql", this::handle);
        http.start();
    }

    /** Starts a server on a free loopback port. */
    static SwapiGraphqlServer start() {
        try {
            return new SwapiGraphqlServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint URL, e.g. {@code http://127.0.0.1:40123/graphql}. */
    String endpoint() {
        return "http://" + http.getAddress().getAddress().getHostAddress() + ":" + http.getAddress().getPort()
                + "/graphql";
    }

    /** The people records, in id order (mutable: tests may rewrite {@code edited}). */
    List<Map<String, Object>> people() {
        return data.get("people");
    }

    /** The planet records, in fixture order. */
    List<Map<String, Object>> planets() {
        return data.get("planets");
    }

    /** The film records, in fixture order. */
    List<Map<String, Object>> films() {
        return data.get("films");
    }

    /** Serves {@code response} instead of executing the next request. */
    synchronized void enqueue(CannedResponse response) {
        canned.add(response);
    }

    /** Closes the connection of the next request without any response, as a crashed proxy would. */
    synchronized void dropNextConnection() {
        canned.add(new CannedResponse(0, Map.of(), ""));
    }

    /** Makes every cursor connection ignore {@code after}, so it hands out the same end cursor for ever. */
    void repeatCursors() {
        repeatCursors = true;
    }

    /** Makes the nullable {@code Person.birthYear} fail for the person with this id: partial data plus an error. */
    void failBirthYearOf(int personId) {
        failingPersonId = personId;
    }

    /** Answers 401 unless the request carries this header with this value. */
    void requireHeader(String name, String value) {
        requiredHeader = name;
        requiredValue = value;
    }

    /** Makes the server refuse introspection ({@code __schema}, {@code __type}), as many production servers do. */
    void disableIntrospection() {
        introspectionDisabled = true;
    }

    /** Makes {@code BigInt} values go out as JSON numbers of every digit instead of JSON text. */
    void sendBigIntsAsJsonNumbers() {
        bigIntsAsNumbers = true;
    }

    /** The JSON bodies received so far ({@code query}, {@code variables}, {@code operationName}). */
    List<Map<String, Object>> requests() {
        return List.copyOf(requests);
    }

    /** The headers of each request received so far, names lower-cased. */
    List<Map<String, String>> requestHeaders() {
        return List.copyOf(requestHeaders);
    }

    /** The request target (raw path and query) of each request received so far. */
    List<String> requestTargets() {
        return List.copyOf(requestTargets);
    }

    /** The variables of each request received so far. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> variables() {
        return requests.stream().map(body -> (Map<String, Object>) body.getOrDefault("variables", Map.of()))
                .toList();
    }

    @Override
    public void close() {
        http.stop(0);
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405, Map.of("Allow", "POST"), errorBody("use POST"));
                return;
            }
            Map<String, Object> body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (IOException e) {
                respond(exchange, 400, Map.of(), errorBody("request body is not JSON"));
                return;
            }
            requests.add(body);
            requestTargets.add(exchange.getRequestURI().toString());
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            requestHeaders.add(headers);
            CannedResponse next;
            synchronized (this) {
                next = canned.poll();
            }
            if (next != null && next.status() == 0) {
                return; // closing the exchange without response headers closes the connection
            }
            if (next != null) {
                respond(exchange, next.status(), next.headers(), next.body());
                return;
            }
            if (requiredHeader != null && !Objects.equals(exchange.getRequestHeaders().getFirst(requiredHeader),
                    requiredValue)) {
                respond(exchange, 401, Map.of(), errorBody("Bad credentials"));
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = body.get("variables") instanceof Map<?, ?> map
                    ? (Map<String, Object>) map : Map.of();
            ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput()
                    .query(String.valueOf(body.get("query")))
                    .operationName((String) body.get("operationName"))
                    .variables(variables)
                    .graphQLContext(Map.of(Introspection.INTROSPECTION_DISABLED, introspectionDisabled))
                    .build());
            respond(exchange, 200, Map.of(), JSON.writeValueAsString(result.toSpecification()));
        }
    }

    private static String errorBody(String message) {
        return "{\"errors\":[{\"message\":\"" + message + "\"}]}";
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    // ---- schema and data ----------------------------------------------------------------------------------------

    private static Map<String, List<Map<String, Object>>> loadData() throws IOException {
        try (InputStream in = resource("fixtures/graphql/swapi-data.json")) {
            return JSON.readValue(in, new TypeReference<LinkedHashMap<String, List<Map<String, Object>>>>() { });
        }
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(SwapiGraphqlServer.class.getClassLoader().getResourceAsStream(name), name);
    }

    private GraphQLSchema schema() throws IOException {
        String sdl;
        try (InputStream in = resource("fixtures/graphql/paged-schema.graphql")) {
            sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String extension;
        try (InputStream in = resource("fixtures/graphql/typed-extension.graphql")) {
            extension = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        DataFetcher<Object> swapiId = env -> this.<Map<String, Object>>source(env).get("id");
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .type(TypeRuntimeWiring.newTypeWiring("Query")
                        .dataFetcher("allPeople", env -> connection(env, people(env)))
                        .dataFetcher("allFilms", env -> connection(env, data.get("films")))
                        .dataFetcher("allPlanets", env -> connection(env, data.get("planets")))
                        .dataFetcher("allStarships", env -> connection(env, data.get("starships")))
                        .dataFetcher("people", env -> page(env, people(env)))
                        .dataFetcher("films", env -> page(env, data.get("films")))
                        .dataFetcher("planets", env -> page(env, data.get("planets")))
                        .dataFetcher("starships", env -> page(env, data.get("starships")))
                        .dataFetcher("search", env -> search(env.getArgument("text")))
                        .dataFetcher("person", env -> byId("people", env.getArgument("id")))
                        .dataFetcher("film", env -> byId("films", env.getArgument("id")))
                        .dataFetcher("planet", env -> byId("planets", env.getArgument("id")))
                        .dataFetcher("starship", env -> byId("starships", env.getArgument("id")))
                        .dataFetcher("rateLimit", env -> Map.of("limit", 5000, "cost", 1, "remaining", 4999,
                                "resetAt", "2026-01-01T00:00:00Z")))
                .scalar(dateTime())
                .scalar(bigInt())
                .scalar(decimal())
                .type(TypeRuntimeWiring.newTypeWiring("Person")
                        .dataFetcher("swapiId", swapiId)
                        .dataFetcher("editedAt", env -> this.<Map<String, Object>>source(env).get("edited"))
                        .dataFetcher("heightCm", env -> this.<Map<String, Object>>source(env).get("height"))
                        .dataFetcher("credits", env -> this.<Map<String, Object>>source(env).get("credits"))
                        .dataFetcher("balance", env -> this.<Map<String, Object>>source(env).get("balance"))
                        .dataFetcher("filmConnection", env -> connection(env, filmsOf(source(env))))
                        .dataFetcher("birthYear", env -> {
                            Map<String, Object> person = source(env);
                            Integer failing = failingPersonId;
                            if (failing != null && failing.equals(person.get("id"))) {
                                throw GraphqlErrorException.newErrorException()
                                        .message("birth year of person " + failing + " is temporarily unavailable")
                                        .build();
                            }
                            return person.get("birthYear");
                        })
                        .dataFetcher("homeworld", env -> byId("planets", this.<Map<String, Object>>source(env)
                                .get("homeworldId")))
                        .dataFetcher("species", env -> byId("species", this.<Map<String, Object>>source(env)
                                .get("speciesId"))))
                .type(TypeRuntimeWiring.newTypeWiring("Film").dataFetcher("swapiId", swapiId))
                .type(TypeRuntimeWiring.newTypeWiring("Planet").dataFetcher("swapiId", swapiId))
                .type(TypeRuntimeWiring.newTypeWiring("Species").dataFetcher("swapiId", swapiId))
                .type(TypeRuntimeWiring.newTypeWiring("Starship").dataFetcher("swapiId", swapiId))
                .type(TypeRuntimeWiring.newTypeWiring("Node").typeResolver(env -> {
                    Map<String, Object> object = env.getObject();
                    String type = object.containsKey("title") ? "Film" : object.containsKey("starshipClass")
                            ? "Starship" : object.containsKey("classification") ? "Species"
                            : object.containsKey("birthYear") ? "Person" : "Planet";
                    return env.getSchema().getObjectType(type);
                }));
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl + "\n" + extension),
                wiring.build());
    }

    /** {@code DateTime}: ISO-8601 text on the wire, kept as the fixture's text. */
    private static GraphQLScalarType dateTime() {
        return GraphQLScalarType.newScalar().name("DateTime").description("An ISO-8601 instant")
                .coercing(new Coercing<Object, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        return Instant.parse(value.toString()).toString();
                    }
                }).build();
    }

    /**
     * {@code BigInt}: any whole number, written as JSON text (GitHub style), or as a JSON number after
     * {@link #sendBigIntsAsJsonNumbers()}.
     */
    private GraphQLScalarType bigInt() {
        return GraphQLScalarType.newScalar().name("BigInt").description("A whole number of any size, as text")
                .coercing(new Coercing<Object, Object>() {
                    @Override
                    public Object serialize(Object value, GraphQLContext context, Locale locale) {
                        BigInteger whole = new BigInteger(value.toString());
                        return bigIntsAsNumbers ? whole : whole.toString();
                    }
                }).build();
    }

    /** {@code Decimal}: an exact decimal, written as a JSON number with every digit. */
    private static GraphQLScalarType decimal() {
        return GraphQLScalarType.newScalar().name("Decimal").description("An exact decimal number")
                .coercing(new Coercing<Object, BigDecimal>() {
                    @Override
                    public BigDecimal serialize(Object value, GraphQLContext context, Locale locale) {
                        return new BigDecimal(value.toString());
                    }
                }).build();
    }

    /** The people, then the planets, whose name contains {@code text}. */
    private List<Map<String, Object>> search(String text) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (String kind : List.of("people", "planets")) {
            data.get(kind).stream().filter(record -> String.valueOf(record.get("name")).contains(text))
                    .forEach(found::add);
        }
        return found;
    }

    /** The films whose {@code characterIds} name this person, in fixture order. */
    private List<Map<String, Object>> filmsOf(Map<String, Object> person) {
        return data.get("films").stream().filter(film -> film.get("characterIds") instanceof List<?> ids
                && ids.contains(person.get("id"))).toList();
    }

    @SuppressWarnings("unchecked")
    private <T> T source(DataFetchingEnvironment env) {
        return (T) env.getSource();
    }

    private Map<String, Object> byId(String kind, Object id) {
        if (id == null) {
            return null;
        }
        return data.get(kind).stream().filter(record -> String.valueOf(record.get("id")).equals(String.valueOf(id)))
                .findFirst().orElse(null);
    }

    private List<Map<String, Object>> people(DataFetchingEnvironment env) {
        String editedSince = env.getArgument("editedSince");
        List<Map<String, Object>> people = new ArrayList<>(data.get("people"));
        if (editedSince != null) {
            Instant since = Instant.parse(editedSince);
            people.removeIf(person -> Instant.parse((String) person.get("edited")).isBefore(since));
        }
        Object order = env.getArgument("orderBy");
        Comparator<Map<String, Object>> byId = Comparator.comparingInt(person -> (Integer) person.get("id"));
        Comparator<Map<String, Object>> byEdited = Comparator.comparing(person -> (String) person.get("edited"));
        String orderName = order == null ? "ID_ASC" : order.toString();
        people.sort(switch (orderName) {
            case "ID_DESC" -> byId.reversed();
            case "NAME_ASC" -> Comparator.<Map<String, Object>, String>comparing(p -> (String) p.get("name"))
                    .thenComparing(byId);
            case "EDITED_ASC" -> byEdited.thenComparing(byId);
            case "EDITED_DESC" -> byEdited.reversed().thenComparing(byId);
            default -> byId;
        });
        return people;
    }

    private Map<String, Object> connection(DataFetchingEnvironment env, List<Map<String, Object>> all) {
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        String after = repeatCursors ? null : env.getArgument("after");
        String before = env.getArgument("before");
        for (Integer size : new Integer[] {first, last}) {
            if (size != null && (size < 1 || size > 100)) {
                throw GraphqlErrorException.newErrorException()
                        .message("first and last must be between 1 and 100").build();
            }
        }
        int start = after == null ? 0 : index(after) + 1;
        int end = before == null ? all.size() : Math.min(all.size(), index(before));
        start = Math.min(start, end);
        if (first != null) {
            end = Math.min(end, start + first);
        }
        if (last != null) {
            start = Math.max(start, end - last);
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (int i = start; i < end; i++) {
            edges.add(Map.of("cursor", cursor(i), "node", all.get(i)));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", first != null ? end < all.size() : false);
        pageInfo.put("hasPreviousPage", last != null ? start > 0 : false);
        pageInfo.put("startCursor", edges.isEmpty() ? null : cursor(start));
        pageInfo.put("endCursor", edges.isEmpty() ? null : cursor(end - 1));
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("edges", edges);
        connection.put("nodes", edges.stream().map(edge -> edge.get("node")).toList());
        connection.put("pageInfo", pageInfo);
        connection.put("totalCount", all.size());
        return connection;
    }

    private static Map<String, Object> page(DataFetchingEnvironment env, List<Map<String, Object>> all) {
        int limit = env.getArgument("limit");
        int offset = env.getArgument("offset");
        if (limit < 0 || offset < 0) {
            throw GraphqlErrorException.newErrorException().message("limit and offset must not be negative").build();
        }
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", all.subList(from, to));
        page.put("totalCount", all.size());
        page.put("limit", limit);
        page.put("offset", offset);
        page.put("hasMore", to < all.size());
        return page;
    }

    private static String cursor(int index) {
        return Base64.getEncoder().encodeToString(("simple-cursor" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int index(String cursor) {
        String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!decoded.startsWith("simple-cursor")) {
            throw GraphqlErrorException.newErrorException().message("invalid cursor").build();
        }
        return Integer.parseInt(decoded.substring("simple-cursor".length()));
    }

    /** Ids of all people, in ascending order, straight from the fixture. */
    List<String> personIds() {
        return people().stream().map(person -> String.valueOf(person.get("id"))).toList();
    }
}
