package dev.tributary.destination.duckdb;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * The source of {@link DuckDbSyncCrashTest}: entity {@code items} (cursor {@code updated}) in pages by id, resume
 * state {@code after:<id>}. Generation 1 holds items 1..1500; generation 2 adds 300 and changes the first 100 later
 * (new name and amount, one line instead of two). Each item has a nested {@code address} (flattened columns) and a
 * list of {@code lines} (a child table).
 */
final class CrashItems extends BaseConnector {

    static final int RECORDS = 1500;

    private final TreeMap<Integer, Map<String, Object>> items = new TreeMap<>();
    private final List<FetchOptions> calls = new CopyOnWriteArrayList<>();
    private volatile IntConsumer beforePage = page -> { };

    CrashItems(int generation) {
        int count = generation == 1 ? RECORDS : RECORDS + 300;
        for (int id = 1; id <= count; id++) {
            boolean changed = generation == 2 && id <= 100;
            items.put(id, item(id, changed ? 5000 + id : 1000 + id, changed));
        }
    }

    private static Map<String, Object> item(int id, long updated, boolean changed) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("updated", updated);
        item.put("name", (changed ? "changed " : "item ") + id);
        item.put("amount", (long) id * (changed ? 3 : 7));
        item.put("address", Map.of("city", "City " + id % 17, "zip", String.format("%05d", id)));
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(Map.of("sku", "a" + id, "qty", (long) id % 5 + 1));
        if (!changed) {
            lines.add(Map.of("sku", "b" + id, "qty", 2L));
        }
        item.put("lines", lines);
        return item;
    }

    /** Runs {@code hook} before each page is handed over, with the page's number (from 1) within the call. */
    void beforePage(IntConsumer hook) {
        this.beforePage = hook;
    }

    /** The source's items by id. */
    Map<Integer, Map<String, Object>> snapshot() {
        return new TreeMap<>(items);
    }

    List<FetchOptions> calls() {
        return List.copyOf(calls);
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("items").name("Items").version("1.0").description("crash test items")
                .supportedEntities(EntityDescriptor.of("items").withCursorField("updated")).build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        calls.add(options);
        int after = options.resumeState().filter(s -> s.startsWith("after:"))
                .map(s -> Integer.parseInt(s.substring(6))).orElse(0);
        long since = options.since().map(s -> s.getEpochSecond()).orElse(Long.MIN_VALUE);
        List<Map<String, Object>> page = new ArrayList<>();
        int pages = 0;
        for (Map<String, Object> item : items.tailMap(after, false).values()) {
            options.throwIfCancelled();
            if (((Number) item.get("updated")).longValue() < since) {
                continue;
            }
            page.add(item);
            if (page.size() == options.batchSize()) {
                options.rateLimiter().acquire();
                beforePage.accept(++pages);
                after = (Integer) item.get("id");
                options.onBatch(page, "after:" + after);
                page = new ArrayList<>();
            }
        }
        if (!page.isEmpty()) {
            options.rateLimiter().acquire();
            beforePage.accept(++pages);
            options.onBatch(page, "after:" + page.get(page.size() - 1).get("id"));
        }
    }
}
