package dev.tributary.connector.rest;

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
import dev.tributary.spi.ratelimit.RequestBudget;
import java.time.Clock;
import java.util.List;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * The declarative REST connector: syncs any JSON API described in its configuration document ({@code base_url},
 * {@code auth}, {@code resources} with their paginators), one entity per resource, without Java. The document's
 * format is in {@code docs/rest-connector.md} and, as a JSON Schema, in this plugin's
 * {@code dev/tributary/connector/rest/rest-config.schema.json}.
 *
 * <p>Thread-safe after initialisation.
 */
public final class RestConnector extends BaseConnector {

    /** The connector id. */
    public static final String ID = "rest";

    static final String VERSION = "0.1.0";

    private static final ConnectorMetadata METADATA = ConnectorMetadata.builder(ID)
            .name("REST (declarative)")
            .version(VERSION)
            .description("Syncs any JSON REST API from a configuration document: resources, paginators (offset, "
                    + "page number, cursor, next URL, Link header), auth, incremental and parent-child resources.")
            .configFields(
                    ConfigField.builder(RestConfig.BASE_URL, ConfigFieldType.URL).label("Base URL").required()
                            .help("The URL resource paths resolve against, e.g. https://api.example.com/v1").build(),
                    ConfigField.builder(RestConfig.AUTH, ConfigFieldType.OBJECT).label("Authentication").secret()
                            .help("{\"type\": \"bearer\"|\"basic\"|\"api_key\"|\"oauth2_client_credentials\", ...}"
                                    + "; see docs/rest-connector.md").build(),
                    ConfigField.builder(RestConfig.HEADERS, ConfigFieldType.OBJECT).label("Headers").secret()
                            .help("HTTP headers sent with every request, as an object of name to value").build(),
                    ConfigField.builder(RestConfig.RESOURCES, ConfigFieldType.LIST).label("Resources").required()
                            .help("One object per entity: name, path, records, primary_key, paginator, incremental,"
                                    + " parent, schema; easiest given in a JSON config file (--config-file)").build(),
                    ConfigField.builder(RestConfig.REQUESTS_PER_SECOND, ConfigFieldType.NUMBER)
                            .label("Requests per second")
                            .help("The API's request allowance; default "
                                    + (int) RestConfig.DEFAULT_REQUESTS_PER_SECOND).build())
            .icon("icon.svg")
            .build();

    private volatile RestConfig source;
    private volatile RestClient client;

    /** Creates the connector; does no I/O. */
    public RestConnector() {
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return METADATA;
    }

    /**
     * Parses and checks the configuration document; makes no request.
     *
     * @throws dev.tributary.spi.error.InvalidConfigException naming the first location at fault (e.g.
     *     {@code resources[1].paginator.cursor_param}), with every problem listed
     */
    @Override
    protected void onInitialize() {
        RestConfig parsed = RestConfig.from(config());
        source = parsed;
        client = RestClient.create(parsed, settings().requestTimeout(), context().rateLimiter(), Clock.systemUTC());
    }

    @Override
    public Optional<RequestBudget> defaultRequestBudget() {
        RestConfig current = source;
        return current == null ? Optional.empty() : Optional.of(new RequestBudget(current.requestsPerSecond(), 1,
                "the rest connector's requests_per_second (default " + (int) RestConfig.DEFAULT_REQUESTS_PER_SECOND
                        + ")"));
    }

    /** Requests the first page of the first top-level resource; never throws. */
    @Override
    public ConnectionTestResult testConnection() {
        RestConfig current = source;
        if (current == null) {
            return ConnectionTestResult.failure("the connector is not initialized");
        }
        Resource first = current.resources().stream().filter(r -> r.parent().isEmpty()).findFirst()
                .orElse(current.resources().get(0));
        try {
            Page page = client.request(first, first.path(), first.paginator().params(first.paginator().start()),
                    false);
            return ConnectionTestResult.success("read the first page of '" + first.name() + "' ("
                    + page.records().size() + " records)");
        } catch (AuthenticationException e) {
            return ConnectionTestResult.failure("authentication failed: " + e.getMessage() + "; check auth");
        } catch (ConnectorException e) {
            return ConnectionTestResult.failure("cannot read '" + first.name() + "': " + e.getMessage());
        } catch (CancellationException e) {
            return ConnectionTestResult.failure("connection test cancelled");
        } catch (RuntimeException e) {
            return ConnectionTestResult.failure("cannot read '" + first.name() + "': " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    /** One entity per resource, with its primary key, cursor field and declared schema hints. */
    @Override
    public List<EntityDescriptor> getAvailableEntities() {
        return requireSource().resources().stream().map(RestConnector::describe).toList();
    }

    private static EntityDescriptor describe(Resource resource) {
        String text = resource.method() + " " + resource.path() + ", " + resource.paginator().type() + " paginator"
                + resource.parent().map(parent -> ", for each " + parent + " record").orElse("")
                + resource.incremental().map(inc -> ", incremental on " + inc.cursorField()).orElse("");
        EntityDescriptor descriptor = new EntityDescriptor(resource.name(), resource.primaryKey(),
                resource.incremental().map(Incremental::cursorField), text);
        return resource.schema().map(descriptor::withSchema).orElse(descriptor);
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        RestConfig current = requireSource();
        Resource resource = current.resource(options.entity()).orElseThrow(() -> new PermanentException(
                "unknown entity '" + options.entity() + "'; this data source's resources are: "
                        + current.resources().stream().map(Resource::name).collect(Collectors.joining(", "))));
        new ResourceFetch(current, resource, client.forFetch(options), options).run();
    }

    private RestConfig requireSource() {
        RestConfig current = source;
        if (current == null) {
            throw new IllegalStateException("the rest connector is not initialized; call initialize(context)");
        }
        return current;
    }

    @Override
    public void close() {
        RestClient current = client;
        if (current != null) {
            current.close();
        }
    }

}
