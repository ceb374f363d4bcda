package dev.tributary.runtime.server.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A test connector found on the class path: pages through {@link FakeShopApi} over loopback HTTP, with a secret API
 * key, an icon, known totals so progress can reach 100%, and declared schemas (an object field on customers, an array
 * of objects on orders; the fake shop sends only {@code id} and {@code name}).
 */
public final class ShopConnector extends BaseConnector {

    public static final String ID = "shop";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder(ID)
                .name("Test Shop")
                .version("1.0.0")
                .description("Customers and orders of the loopback test shop.")
                .supportedEntities(
                        EntityDescriptor.of("customers").withSchema(EntitySchema.of(
                                SchemaField.integer("id").notNull(),
                                SchemaField.string("name").withDescription("The customer's name"),
                                SchemaField.object("address", SchemaField.string("city"),
                                        SchemaField.string("country")))),
                        EntityDescriptor.of("orders").withSchema(EntitySchema.of(
                                SchemaField.integer("id").notNull(),
                                SchemaField.string("name"),
                                SchemaField.array("lines", SchemaField.string("sku"),
                                        SchemaField.integer("quantity")))))
                .configFields(
                        ConfigField.builder("base_url", ConfigFieldType.URL).label("Base URL").required()
                                .help("Where the shop API listens").build(),
                        ConfigField.builder("api_key", ConfigFieldType.STRING).label("API key").required().secret()
                                .help("The shop's secret key").build(),
                        ConfigField.builder("region", ConfigFieldType.STRING).label("Region").defaultValue("eu")
                                .build())
                .icon("icon.svg")
                .build();
    }

    /** Refuses the region {@code nowhere} while initialising, as real connectors refuse configuration they cannot use. */
    @Override
    protected void onInitialize() {
        if ("nowhere".equals(config().getString("region").orElse("eu"))) {
            throw new InvalidConfigException("region", "is not a region the shop serves; use eu or us");
        }
    }

    @Override
    public ConnectionTestResult testConnection() {
        try {
            HttpResponse<String> response = get("/ping");
            if (response.statusCode() == 401) {
                return ConnectionTestResult.failure("authentication failed: the shop rejected the API key");
            }
            if (response.statusCode() != 200) {
                return ConnectionTestResult.failure("the shop answered HTTP " + response.statusCode());
            }
            return ConnectionTestResult.success("connected to the shop");
        } catch (IOException e) {
            return ConnectionTestResult.failure("cannot reach the shop: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        long after = options.resumeState().map(Long::parseLong).orElse(0L);
        while (true) {
            options.throwIfCancelled();
            options.rateLimiter().acquire();
            Page page = page(options.entity(), after, options.batchSize());
            if (page.data().isEmpty()) {
                return;
            }
            after = ((Number) page.data().get(page.data().size() - 1).get("id")).longValue();
            options.onBatch(page.data(), Long.toString(after));
            options.onProgress(page.position(), page.total());
            if (!page.hasMore()) {
                return;
            }
        }
    }

    private Page page(String entity, long after, int limit) {
        HttpResponse<String> response;
        try {
            response = get("/" + entity + "?after=" + after + "&limit=" + limit);
        } catch (IOException e) {
            throw new TransientException("cannot reach the shop", e);
        }
        if (response.statusCode() == 401) {
            throw new AuthenticationException("the shop rejected the API key");
        }
        if (response.statusCode() >= 500) {
            throw new TransientException("the shop answered HTTP " + response.statusCode(), null);
        }
        if (response.statusCode() != 200) {
            throw new PermanentException("the shop answered HTTP " + response.statusCode());
        }
        try {
            return JSON.readValue(response.body(), Page.class);
        } catch (IOException e) {
            throw new PermanentException("the shop sent malformed JSON");
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config().requireString("base_url") + path))
                .header("Authorization", "Bearer " + config().requireString("api_key"))
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** One page of the shop's answer. */
    record Page(List<Map<String, Object>> data, boolean hasMore, long total, long position) {
    }
}
