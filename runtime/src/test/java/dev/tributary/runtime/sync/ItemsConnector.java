package dev.tributary.runtime.sync;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * An in-memory connector over {@link ItemSource}s: entity {@code items} (cursor {@code updated}) and entity
 * {@code tags} (no cursor). Resume state: {@code after:<id>}; deletions are reported after the records. A hook runs
 * before each page (by page number within the call) to inject failures.
 */
final class ItemsConnector extends BaseConnector {

    private final Map<String, ItemSource> sources;
    private final List<FetchOptions> calls = new CopyOnWriteArrayList<>();
    private volatile IntConsumer beforePage = page -> { };
    private volatile Consumer<FetchOptions> replacement;

    ItemsConnector(ItemSource items, ItemSource tags) {
        this.sources = Map.of("items", items, "tags", tags);
    }

    void beforePage(IntConsumer hook) {
        this.beforePage = hook;
    }

    /** Makes every fetch run {@code fetch} instead of reading the sources. */
    void replaceFetch(Consumer<FetchOptions> fetch) {
        this.replacement = fetch;
    }

    List<FetchOptions> calls() {
        return List.copyOf(calls);
    }

    List<FetchOptions> calls(String entity) {
        return calls.stream().filter(c -> c.entity().equals(entity)).toList();
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("items").name("Items").version("1.0").description("test items")
                .supportedEntities(EntityDescriptor.of("items").withCursorField("updated"), EntityDescriptor.of("tags"))
                .build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        calls.add(options);
        if (replacement != null) {
            replacement.accept(options);
            return;
        }
        ItemSource source = sources.get(options.entity());
        int after = options.resumeState().filter(s -> s.startsWith("after:"))
                .map(s -> Integer.parseInt(s.substring(6))).orElse(0);
        long since = options.since().map(s -> s.getEpochSecond()).orElse(Long.MIN_VALUE);
        int page = 0;
        while (true) {
            options.throwIfCancelled();
            options.rateLimiter().acquire();
            beforePage.accept(page++);
            List<Map<String, Object>> records = source.page(after, since, options.batchSize());
            if (records.isEmpty()) {
                break;
            }
            after = ((Number) records.get(records.size() - 1).get("id")).intValue();
            options.onBatch(records, "after:" + after);
        }
        List<Integer> deleted = source.deletedIds();
        if (!deleted.isEmpty() && options.checkpoint().isPresent()) {
            options.onDeleted(deleted.stream().map(id -> Map.<String, Object>of("id", id)).toList(),
                    "after:" + after);
        }
    }

    Optional<FetchOptions> lastCall(String entity) {
        List<FetchOptions> list = calls(entity);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }
}
