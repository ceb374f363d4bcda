package dev.tributary.testkit.examples;

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
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.io.IOException;
import java.net.URI;
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
 * A well-behaved connector for {@link ItemsApi} over the JDK's HTTP client: the kind of connector the contract is
 * written for, used by the self-test to show that every check passes for it.
 */
public final class HttpItemsConnector extends BaseConnector {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() { };

    private final ObjectMapper json = new ObjectMapper();
    private volatile ExecutorService executor;
    private volatile HttpClient client;
    private volatile URI baseUrl;

    /** Creates the connector; no I/O. */
    public HttpItemsConnector() {
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("items_http")
                .name("Items over HTTP")
                .version("0.1.0")
                .description("Items from a paged JSON API.")
                .supportedEntities(EntityDescriptor.of("items").withCursorField("updated"))
                .configFields(
                        ConfigField.builder("base_url", ConfigFieldType.URL).required().build(),
                        ConfigField.builder("api_key", ConfigFieldType.STRING).required().secret().build())
                .icon("icon.svg")
                .build();
    }

    @Override
    protected void onInitialize() {
        String url = config().requireString("base_url");
        baseUrl = URI.create(url.endsWith("/") ? url : url + "/");
        // The client's default executor keeps idle threads for a minute; an own one can be shut down in close().
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "items-http");
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder().connectTimeout(settings().requestTimeout()).executor(executor).build();
    }

    @Override
    public void close() {
        ExecutorService current = executor;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public ConnectionTestResult testConnection() {
        try {
            Map<String, Object> me = get("v1/me", context().rateLimiter());
            return ConnectionTestResult.success("connected to account " + me.get("account"));
        } catch (AuthenticationException e) {
            return ConnectionTestResult.failure("authentication failed: the API rejected api_key");
        } catch (RuntimeException e) {
            return ConnectionTestResult.failure("cannot reach base_url: " + e.getMessage());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void fetchEntity(FetchOptions options) {
        if (!options.entity().equals("items")) {
            throw new PermanentException("no entity '" + options.entity() + "'");
        }
        String after = options.resumeState().orElse("");
        boolean more = true;
        while (more) {
            options.throwIfCancelled();
            StringBuilder path = new StringBuilder("v1/items?limit=").append(options.batchSize());
            if (!after.isEmpty()) {
                path.append("&starting_after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
            }
            options.since().ifPresent(since -> path.append("&updated_gte=").append(since));
            Map<String, Object> page = get(path.toString(), options.rateLimiter());
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("data");
            more = Boolean.TRUE.equals(page.get("has_more"));
            if (items.isEmpty()) {
                return;
            }
            after = (String) items.get(items.size() - 1).get("id");
            options.onBatch(items, after);
        }
    }

    private Map<String, Object> get(String path, RateLimiter limiter) {
        limiter.acquire();
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("Authorization", "Bearer " + config().requireString("api_key"))
                .timeout(settings().requestTimeout())
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted during GET " + request.uri().getPath());
        } catch (IOException e) {
            throw new TransientException("GET " + request.uri().getPath() + " failed: " + e, e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new AuthenticationException("the API rejected api_key (HTTP " + status + ")");
        }
        if (status == 429) {
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong)
                    .map(Duration::ofSeconds);
            throw new RateLimitedException("HTTP 429 from " + request.uri().getPath(), retryAfter);
        }
        if (status >= 500) {
            throw new TransientException("HTTP " + status + " from " + request.uri().getPath(), null);
        }
        if (status != 200) {
            throw new PermanentException("HTTP " + status + " from " + request.uri().getPath());
        }
        try {
            return json.readValue(response.body(), JSON_OBJECT);
        } catch (IOException e) {
            throw new PermanentException("malformed JSON from " + request.uri().getPath(), e);
        }
    }
}
