package ${package};

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ${connectorName} connector: fetches {@code entity1} and {@code entity2} from a paged JSON API.
 *
 * <p>The API it is written for answers {@code GET /v1/<entity>?limit=N&starting_after=ID&updated_gte=ISO-8601}
 * with {@code {"data": [...], "has_more": true|false}}, records in ascending {@code id} order, and authenticates
 * with {@code Authorization: Bearer <api_key>}. Adapt {@code fetchEntity} and {@code get} to your
 * API; keep the rules the contract test checks (see the guide "Creating a New Connector").
 *
 * <p>Thread-safe after initialisation: {@code fetchEntity} keeps its position in local variables, and the
 * HTTP client is safe for concurrent use.
 */
public final class MyConnector extends BaseConnector {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() { };
    private static final List<String> ENTITIES = List.of("entity1", "entity2");

    private final ObjectMapper json = new ObjectMapper();
    private volatile URI baseUrl;
    private volatile ExecutorService executor;
    private volatile HttpClient client;

    /** Creates the connector. The runtime calls {@code initialize} before anything that needs configuration. */
    public MyConnector() {
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("${connectorId}")
                .name("${connectorName}")
                .version("1.0.0")
                .description("Connector for ${connectorName}")
                .supportedEntities(
                        EntityDescriptor.of("entity1").withCursorField("updated_at"),
                        EntityDescriptor.of("entity2").withCursorField("updated_at"))
                .configFields(
                        ConfigField.builder("base_url", ConfigFieldType.URL)
                                .label("API base URL")
                                .defaultValue("https://api.example.com/")
                                .help("Where the API lives; change it only for a sandbox or a proxy.")
                                .build(),
                        ConfigField.builder("api_key", ConfigFieldType.STRING)
                                .label("API key")
                                .required()
                                .secret()
                                .help("A read-only API key from the account settings.")
                                .build())
                .icon("icon.svg")
                .build();
    }

    @Override
    protected void onInitialize() {
        String url = config().getString("base_url").orElse("https://api.example.com/");
        try {
            URI parsed = new URI(url.endsWith("/") ? url : url + "/");
            if (parsed.getHost() == null) {
                throw new InvalidConfigException("base_url", "must be an absolute http or https URL");
            }
            baseUrl = parsed;
        } catch (URISyntaxException e) {
            throw new InvalidConfigException("base_url", "must be an absolute http or https URL");
        }
        config().requireString("api_key");
        // The JDK client's default executor keeps idle threads for a minute; our own one ends in close().
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "${connectorId}-http");
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder().connectTimeout(settings().requestTimeout()).executor(executor).build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        try {
            get("v1/entity1?limit=1", context().rateLimiter());
            return ConnectionTestResult.success("connected to ${connectorName}");
        } catch (AuthenticationException e) {
            return ConnectionTestResult.failure("authentication failed: the API rejected api_key");
        } catch (RuntimeException e) {
            return ConnectionTestResult.failure("cannot use the API at base_url: " + e.getMessage());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void fetchEntity(FetchOptions options) {
        if (!ENTITIES.contains(options.entity())) {
            throw new PermanentException("${connectorName} has no entity '" + options.entity() + "'");
        }
        // The resume state is the id of the last record handed over: the API continues after it.
        String after = options.resumeState().orElse("");
        boolean more = true;
        while (more) {
            options.throwIfCancelled();
            StringBuilder path = new StringBuilder("v1/").append(options.entity())
                    .append("?limit=").append(options.batchSize());
            if (!after.isEmpty()) {
                path.append("&starting_after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
            }
            options.since().ifPresent(since -> path.append("&updated_gte=").append(since));
            Map<String, Object> page = get(path.toString(), options.rateLimiter());
            List<Map<String, Object>> records = (List<Map<String, Object>>) page.get("data");
            more = Boolean.TRUE.equals(page.get("has_more"));
            if (records == null || records.isEmpty()) {
                return;
            }
            after = String.valueOf(records.get(records.size() - 1).get("id"));
            options.onBatch(records, after);
            options.onProgress(records.size());
        }
    }

    @Override
    public void close() {
        ExecutorService current = executor;
        if (current != null) {
            current.shutdownNow();
        }
    }

    /** One request through the rate limiter; failures become the exception kind the runtime acts on. */
    private Map<String, Object> get(String path, RateLimiter limiter) {
        limiter.acquire();
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("Authorization", "Bearer " + config().requireString("api_key"))
                .header("Accept", "application/json")
                .timeout(settings().requestTimeout())
                .build();
        String what = "GET " + request.uri().getPath();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted during " + what);
        } catch (IOException e) {
            throw new TransientException(what + " failed: " + e.getMessage(), e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new AuthenticationException(what + " was refused (HTTP " + status + "); check api_key");
        }
        if (status == 429) {
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(MyConnector::seconds);
            retryAfter.ifPresent(wait -> limiter.pause(wait, "429 Retry-After " + wait.toSeconds() + "s"));
            throw new RateLimitedException(what + " was rate limited (HTTP 429)", retryAfter);
        }
        if (status >= 500) {
            throw new TransientException(what + " failed with HTTP " + status, null);
        }
        if (status != 200) {
            throw new PermanentException(what + " failed with HTTP " + status);
        }
        try {
            return json.readValue(response.body(), JSON_OBJECT);
        } catch (IOException e) {
            throw new PermanentException(what + " returned malformed JSON", e);
        }
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
