package dev.tributary.runtime.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * A tiny HTTP connector for {@link ItemsHttpServer}, written the way the SPI asks: one {@code acquire()} per
 * request, no retries of its own, failures classified (429 → rate limited with the {@code Retry-After} hint; 5xx,
 * I/O errors and malformed bodies → transient; other statuses → permanent). Resume state: {@code after:<id>}.
 */
final class HttpItemsConnector extends BaseConnector {

    private final URI base;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    HttpItemsConnector(URI base) {
        this.base = base;
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("httpitems").name("HTTP items").version("1.0").description("test")
                .supportedEntities(EntityDescriptor.of("items").withCursorField("updated"), EntityDescriptor.of("tags"))
                .build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        String after = options.resumeState().map(s -> s.substring("after:".length())).orElse("0");
        while (true) {
            options.throwIfCancelled();
            options.rateLimiter().acquire();
            String query = "?after=" + after + "&limit=" + options.batchSize()
                    + options.since().map(s -> "&since=" + s.getEpochSecond()).orElse("");
            Map<String, Object> page = get("/" + options.entity() + query);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
            if (!data.isEmpty()) {
                after = String.valueOf(data.get(data.size() - 1).get("id"));
                options.onBatch(data, "after:" + after);
            }
            if (!Boolean.TRUE.equals(page.get("has_more"))) {
                return;
            }
        }
    }

    private Map<String, Object> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientException("GET " + path + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        int status = response.statusCode();
        if (status == 429) {
            throw new RateLimitedException("GET " + path + ": HTTP 429", retryAfter(response));
        }
        if (status >= 500) {
            throw new TransientException("GET " + path + ": HTTP " + status, null);
        }
        if (status != 200) {
            throw new PermanentException("GET " + path + ": HTTP " + status);
        }
        try {
            return json.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new TransientException("GET " + path + ": malformed JSON body", e);
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Optional.of(Duration.between(Instant.now(), at));
                } catch (DateTimeParseException again) {
                    return Optional.empty();
                }
            }
        });
    }
}
