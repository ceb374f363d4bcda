package dev.tributary.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/** Pages {@link RecordServer} with the JDK client and Jackson, one rate-limiter permit per request. */
final class BenchConnector extends BaseConnector {

    private static final TypeReference<Map<String, Object>> PAGE = new TypeReference<>() { };

    private final URI uri;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    BenchConnector(URI uri) {
        this.uri = uri;
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("bench").name("Bench").version("1.0").description("benchmark records")
                .supportedEntities(EntityDescriptor.of("customers")).build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        long after = options.resumeState().map(Long::parseLong).orElse(0L);
        while (true) {
            options.rateLimiter().acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri + "?after=" + after + "&limit="
                    + options.batchSize())).timeout(Duration.ofSeconds(30)).build();
            Map<String, Object> page;
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() == 429) {
                        throw new RateLimitedException("HTTP 429", response.headers().firstValue("Retry-After")
                                .map(s -> Duration.ofSeconds(Long.parseLong(s))));
                    }
                    if (response.statusCode() != 200) {
                        throw new TransientException("HTTP " + response.statusCode(), null, Optional.empty());
                    }
                    page = json.readValue(body, PAGE);
                }
            } catch (IOException e) {
                throw new TransientException("GET " + uri.getPath() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
            after += data.size();
            options.onBatch(data, String.valueOf(after));
            if (!Boolean.TRUE.equals(page.get("has_more"))) {
                return;
            }
        }
    }
}
