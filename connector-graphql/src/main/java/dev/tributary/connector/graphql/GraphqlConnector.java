package dev.tributary.connector.graphql;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.ConnectorException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.ratelimit.RequestBudget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * Syncs any GraphQL API: each configured query is one entity, paged by offset or by Relay cursor, or read in one
 * request.
 *
 * <p>Configuration: {@code endpoint} (required URL), {@code headers} (secret object, e.g. {@code Authorization}) and
 * {@code queries} (a list of query objects, see {@code docs/graphql.md}). Every query document is parsed and checked
 * with graphql-java in {@link #onInitialize()}, before any request; all problems are reported at once.
 *
 * <p>Thread-safe after initialisation: {@link #fetchEntity} may run for several entities at once.
 */
public final class GraphqlConnector extends BaseConnector {

    /** The connector id; it prefixes table names of ad-hoc syncs. */
    public static final String ID = "graphql";

    static final String VERSION = "0.1.0";

    /** The config field turning the introspection request off ({@code false}); default {@code true}. */
    static final String INTROSPECTION = "introspection";

    private static final ConnectorMetadata METADATA = ConnectorMetadata.builder(ID)
            .name("GraphQL")
            .version(VERSION)
            .description("Syncs any GraphQL API: one entity per configured query, with offset or cursor "
                    + "pagination, queries validated before the first request.")
            .configFields(
                    ConfigField.builder(SourceConfig.ENDPOINT, ConfigFieldType.URL).label("Endpoint").required()
                            .help("The URL queries are POSTed to, e.g. https://api.example.com/graphql").build(),
                    ConfigField.builder(SourceConfig.HEADERS, ConfigFieldType.OBJECT).label("Headers").secret()
                            .help("HTTP headers sent with every request, as an object of name to value, e.g. "
                                    + "{\"Authorization\": \"Bearer <token>\"}").build(),
                    ConfigField.builder(SourceConfig.QUERIES, ConfigFieldType.LIST).label("Queries").required()
                            .help("One object per entity: name, query, dataPath, optional nodePath, pagination "
                                    + "(none, offset, cursor) and its paths; easiest given in a JSON config file")
                            .build(),
                    ConfigField.builder(RequestRate.FIELD, ConfigFieldType.NUMBER).label("Requests per second")
                            .help("The API's request allowance; default " + (int) RequestRate.DEFAULT_REQUESTS_PER_SECOND
                                    + " (conservative). The requestsPerSecond setting overrides it.")
                            .build(),
                    ConfigField.builder(INTROSPECTION, ConfigFieldType.BOOLEAN).label("Introspection")
                            .defaultValue("true")
                            .help("Type each entity's columns from the server's schema (one __schema request per "
                                    + "sync); false skips the request and infers the column types from the values")
                            .build(),
                    ConfigField.builder(ScalarTypes.FIELD, ConfigFieldType.OBJECT).label("Custom scalar types")
                            .help("How custom scalars of the server's schema are typed, e.g. {\"Time\": "
                                    + "\"timestamp\"}: string, integer, number, boolean, timestamp, date or json. "
                                    + "Without it, DateTime/Timestamp-like names are timestamps, others strings")
                            .build())
            .icon("icon.svg")
            .build();

    private volatile SourceConfig source;
    private volatile GraphqlClient client;
    private volatile RequestBudget budget;
    private volatile ScalarTypes scalars;
    private volatile boolean introspection;
    private volatile List<EntityDescriptor> entities;

    /** Creates the connector; does no I/O. */
    public GraphqlConnector() {
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return METADATA;
    }

    /**
     * Parses the configuration and checks every query document with graphql-java's parser; makes no request.
     *
     * @throws dev.tributary.spi.error.InvalidConfigException naming the first field at fault (e.g.
     *     {@code queries[1].query}) with every problem found listed in its message and attached as suppressed
     *     exceptions
     */
    @Override
    protected void onInitialize() {
        SourceConfig parsed = SourceConfig.from(config());
        budget = RequestRate.from(config());
        scalars = ScalarTypes.from(config());
        introspection = config().getBoolean(INTROSPECTION).orElse(true);
        source = parsed;
        client = GraphqlClient.create(parsed, settings().requestTimeout(), context().rateLimiter());
    }

    /** The {@code requests_per_second} field, or a conservative 5 requests/s without it. */
    @Override
    public Optional<RequestBudget> defaultRequestBudget() {
        return Optional.ofNullable(budget);
    }

    /** Sends {@code { __typename }} and reports the HTTP status or GraphQL error on failure; never throws. */
    @Override
    public ConnectionTestResult testConnection() {
        SourceConfig current = source;
        GraphqlClient http = client;
        if (current == null || http == null) {
            return ConnectionTestResult.failure("the connector is not initialized");
        }
        String where = current.endpoint().getHost() + current.endpoint().getRawPath();
        try {
            Map<String, Object> data = http.execute("connection test", "{ __typename }", Map.of(), Optional.empty());
            return ConnectionTestResult.success("connected to " + where + " (query root type "
                    + data.getOrDefault("__typename", "unknown") + ")");
        } catch (AuthenticationException e) {
            return ConnectionTestResult.failure("authentication failed: " + e.getMessage()
                    + "; check the headers (e.g. Authorization)");
        } catch (RateLimitedException e) {
            return ConnectionTestResult.failure("rate limited: " + e.getMessage());
        } catch (ConnectorException e) {
            return ConnectionTestResult.failure("cannot query " + where + ": " + e.getMessage());
        } catch (CancellationException e) {
            return ConnectionTestResult.failure("connection test cancelled");
        } catch (RuntimeException e) {
            // Per-request boundary: report whatever went wrong instead of throwing from testConnection.
            return ConnectionTestResult.failure("cannot query " + where + ": " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    /**
     * One entity per configured query, named after it, with its primary key, cursor field and the schema of the
     * fields it selects, derived from the server's introspection on the first call (one request, transient failures
     * retried, then cached). When introspection fails (disabled on the server, an error) the entities come without
     * schemas, so the runtime infers the columns from the values, and a warning says why; with {@code introspection}
     * false they come without schemas and no request is made.
     */
    @Override
    public List<EntityDescriptor> getAvailableEntities() {
        SourceConfig current = requireSource();
        List<EntityDescriptor> known = entities;
        if (known == null) {
            synchronized (this) {
                known = entities;
                if (known == null) {
                    known = introspection ? new SchemaDiscovery(current, client, scalars,
                            IntrospectionRetry.standard(settings().maxRetries()), context().logger()).entities()
                            : current.queries().stream().map(SchemaDiscovery::describe).toList();
                    entities = known;
                }
            }
        }
        return known;
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        SourceConfig current = requireSource();
        QuerySpec query = current.query(options.entity()).orElseThrow(() -> new PermanentException("unknown entity '"
                + options.entity() + "'; this data source's queries are: "
                + current.queries().stream().map(QuerySpec::name).collect(Collectors.joining(", "))));
        new EntityFetch(query, client.forFetch(options), options).run();
    }

    private SourceConfig requireSource() {
        SourceConfig current = source;
        if (current == null) {
            throw new IllegalStateException("the GraphQL connector is not initialized; call initialize(context)");
        }
        return current;
    }

    @Override
    public void close() {
        GraphqlClient current = client;
        if (current != null) {
            current.close();
        }
    }
}
