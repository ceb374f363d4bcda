package dev.tributary.connector.close;

import dev.tributary.connector.http.JsonCodec;
import dev.tributary.connector.http.JsonHttpClient;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.ConnectorException;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.ratelimit.RequestBudget;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.webhook.WebhookReceiver;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Syncs a Close CRM organization: leads, opportunities, activities, contacts, users and custom fields, through
 * Close's REST API with an API key (HTTP Basic, key as user name, empty password).
 *
 * <p>Every request goes through the data source's rate limiter; rate-limit headers pause it before the budget
 * runs out, and a 429 becomes a {@link dev.tributary.spi.error.RateLimitedException} with Close's wait, which
 * the runtime honours before retrying. Records are handed over exactly as Close returns them; the only added
 * field is {@code _custom_field_kind} on custom fields.
 *
 * <p>Thread-safe after {@link #initialize}: entities may be fetched concurrently; they share one HTTP client.
 */
public final class CloseConnector extends BaseConnector {

    /** The connector id. */
    public static final String ID = "close";
    static final String API_KEY = "api_key";
    static final String API_BASE_URL = "api_base_url";
    static final String WEBHOOK_SECRET = "webhook_secret";
    static final String DEFAULT_BASE_URL = "https://api.close.com/api/v1/";
    private static final String VERSION = "1.0.0";
    /** The starting budget: Close's documented 20 requests/s per key less 20% headroom. */
    static final double DOCUMENTED_REQUESTS_PER_SECOND = 16;

    private static final ConnectorMetadata METADATA = ConnectorMetadata.builder(ID)
            .name("Close")
            .version(VERSION)
            .description("Syncs leads, opportunities, activities, contacts, users and custom fields from Close CRM.")
            .supportedEntities(CloseEntity.descriptors())
            .configFields(
                    ConfigField.builder(API_KEY, ConfigFieldType.STRING)
                            .label("API key")
                            .required()
                            .secret()
                            .help("A Close API key, from Settings → Developer → API Keys.")
                            .build(),
                    ConfigField.builder(API_BASE_URL, ConfigFieldType.URL)
                            .label("API base URL")
                            .defaultValue(DEFAULT_BASE_URL)
                            .help("Close's API root; change it only for a proxy or a test server.")
                            .build(),
                    ConfigField.builder(WEBHOOK_SECRET, ConfigFieldType.STRING)
                            .label("Webhook signature key")
                            .secret()
                            .help("The signature_key (hex) Close returns when a webhook subscription is created for "
                                    + "this data source's URL (POST /webhooks/<source>); set it to apply changes "
                                    + "as they happen.")
                            .build())
            .icon("icon.svg")
            .build();

    // Built in onInitialize, not here: instances are also created just to list metadata, where a Jackson
    // ObjectMapper would only cost start-up time.
    private volatile JsonCodec codec;
    private volatile JsonHttpClient client;
    /** The entities with the organization's custom fields, once read; null until then. */
    private volatile List<EntityDescriptor> discovered;
    private volatile Optional<byte[]> webhookKey = Optional.empty();

    /** Creates the connector; does no I/O. */
    public CloseConnector() {
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return METADATA;
    }

    @Override
    protected void onInitialize() {
        String apiKey = config().requireString(API_KEY);
        String baseUrl = config().getString(API_BASE_URL).filter(text -> !text.isBlank()).orElse(DEFAULT_BASE_URL);
        if (JsonHttpClient.baseUrl(baseUrl).isEmpty()) {
            throw new InvalidConfigException(API_BASE_URL, "must be an absolute http:// or https:// URL");
        }
        client = JsonHttpClient.builder(baseUrl)
                .basicAuth(apiKey, "")
                .userAgent("tributary-close/" + VERSION)
                .requestTimeout(settings().requestTimeout())
                .rateLimiter(context().rateLimiter())
                .errorInterpreter(new CloseErrorInterpreter())
                .build();
        codec = new JsonCodec();
        webhookKey = config().getString(WEBHOOK_SECRET).map(String::trim).filter(text -> !text.isEmpty())
                .map(CloseConnector::hexKey);
    }

    private static byte[] hexKey(String text) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(WEBHOOK_SECRET, "must be the hex signature_key Close returned for the "
                    + "webhook subscription");
        }
    }

    /** Webhooks when {@code webhook_secret} is set: see {@link CloseWebhooks}. */
    @Override
    public Optional<WebhookReceiver> webhookReceiver() {
        return webhookKey.map(key -> new CloseWebhooks(key, Clock.systemUTC()));
    }

    /**
     * Close's documented per-key allowance less headroom: Close limits each API key per endpoint group (its docs'
     * example: 20 requests/s per key, 3× that per organization), so 16 requests/s to start; the {@code ratelimit}
     * headers of its responses then set the rate (see {@code JsonHttpClient}).
     */
    @Override
    public Optional<RequestBudget> defaultRequestBudget() {
        return Optional.of(new RequestBudget(DOCUMENTED_REQUESTS_PER_SECOND, 1,
                "Close documents 20 requests/s per API key and endpoint group; its ratelimit headers then rule"));
    }

    private JsonHttpClient client() {
        JsonHttpClient current = client;
        if (current == null) {
            throw new IllegalStateException("the Close connector is not initialized");
        }
        return current;
    }

    /** Asks {@code GET /me/} and names the organization the key belongs to. Never throws. */
    @Override
    public ConnectionTestResult testConnection() {
        try {
            Map<String, Object> me = client().get("me/", Map.of()).object();
            return ConnectionTestResult.success("connected to Close organization " + organizationName(me)
                    + userEmail(me).map(email -> " as " + email).orElse(""));
        } catch (AuthenticationException e) {
            return ConnectionTestResult.failure("authentication failed: " + e.getMessage()
                    + "; check the api_key");
        } catch (ConnectorException e) {
            return ConnectionTestResult.failure("Close could not be reached: " + e.getMessage());
        } catch (CancellationException e) {
            return ConnectionTestResult.failure("connection test cancelled");
        } catch (RuntimeException e) {
            return ConnectionTestResult.failure("connection test failed: " + e.getClass().getSimpleName());
        }
    }

    private static String organizationName(Map<String, Object> me) {
        Object organizationId = me.get("organization_id");
        if (me.get("organizations") instanceof List<?> organizations) {
            Optional<Map<?, ?>> match = organizations.stream()
                    .filter(Map.class::isInstance)
                    .<Map<?, ?>>map(o -> (Map<?, ?>) o)
                    .filter(o -> organizationId == null || organizationId.equals(o.get("id")))
                    .findFirst();
            if (match.isPresent() && match.get().get("name") instanceof String name) {
                return "'" + name + "'";
            }
            if (organizationId == null && !organizations.isEmpty() && organizations.get(0) instanceof String id) {
                return id;
            }
        }
        return organizationId instanceof String id ? id : "(unnamed)";
    }

    private static Optional<String> userEmail(Map<String, Object> me) {
        return me.get("email") instanceof String email && !email.isBlank() ? Optional.of(email) : Optional.empty();
    }

    /**
     * The entities with their declared schemas, where leads, contacts and opportunities also declare the
     * organization's custom fields ({@code custom.cf_...}), read once per instance from
     * {@code GET /custom_field/{lead,contact,opportunity}/} through the data source's rate limiter. When Close
     * cannot be read (a rejected key, an outage) this logs a warning and returns the static schemas: the runtime
     * then infers the custom fields' types from their values, and the fetch itself reports the failure.
     */
    @Override
    public List<EntityDescriptor> getAvailableEntities() {
        List<EntityDescriptor> known = discovered;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (discovered == null) {
                try {
                    discovered = withCustomFields(client());
                } catch (ConnectorException e) {
                    context().logger().log(Level.WARNING, "could not read the custom field definitions from "
                            + "Close (" + e.getMessage() + "); the custom.cf_* fields are typed from their values "
                            + "until a later listing of the entities reads them");
                    return CloseEntity.descriptors();
                }
            }
            return discovered;
        }
    }

    private static List<EntityDescriptor> withCustomFields(JsonHttpClient client) {
        List<EntityDescriptor> entities = new ArrayList<>();
        for (CloseEntity entity : CloseEntity.values()) {
            EntityDescriptor descriptor = entity.descriptor();
            if (entity.customFieldKind().isPresent()) {
                List<SchemaField> custom = CustomFieldSchemas.fields(
                        CustomFieldSchemas.definitions(client, entity.customFieldKind().get()));
                descriptor = descriptor.withSchema(
                        CloseSchemas.withFields(descriptor.schema().orElseThrow(), custom));
            }
            entities.add(descriptor);
        }
        return List.copyOf(entities);
    }

    /**
     * Fetches one entity, page by page, resuming from {@link FetchOptions#resumeState()} when given.
     *
     * @throws PermanentException for an unknown entity or a resume state this connector did not write
     */
    @Override
    public void fetchEntity(FetchOptions options) {
        CloseEntity entity = CloseEntity.named(options.entity()).orElseThrow(() -> new PermanentException(
                "the Close connector has no entity '" + options.entity() + "'; it has "
                        + CloseEntity.descriptors().stream().map(d -> d.name()).toList()));
        new OffsetPager(client().forFetch(options), entity, options, codec, Clock.systemUTC()).run();
    }

    @Override
    public void close() {
        JsonHttpClient current = client;
        if (current != null) {
            current.close();
        }
    }
}
