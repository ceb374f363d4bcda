package dev.tributary.connector.rest;

import dev.tributary.spi.FetchOptions;
import dev.tributary.testkit.FakeConnectorContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The child process of {@link JsonServerSyncTest}'s kill -9 test: syncs json-server's customers one record per batch
 * into a SQLite file, resuming from its stored state, pausing after each batch so the parent can kill it mid-resource.
 */
final class KilledSync {

    private KilledSync() {
    }

    /** {@code args}: json-server's root URL, the SQLite file. */
    public static void main(String[] args) throws Exception {
        Map<String, Object> config = Map.of("base_url", args[0], "resources", List.of(Map.of("name", "customers",
                "path", "/customers", "params", Map.of("_page", 1, "_limit", 5),
                "paginator", Map.of("type", "link_header"))));
        try (SqliteSink sink = new SqliteSink(Path.of(args[1])); RestConnector connector = new RestConnector()) {
            connector.initialize(FakeConnectorContext.of(connector, config));
            Consumer<dev.tributary.spi.Batch> write = sink.writer("customers", List.of("id"));
            FetchOptions.Builder options = FetchOptions.builder("customers").batchSize(1).onBatch(batch -> {
                write.accept(batch);
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sink.state("customers").ifPresent(options::resumeState);
            connector.fetchEntity(options.build());
        }
    }
}
