package dev.tributary.testplugin.destination;

import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Upserts on the primary key, marks deletions with {@code _deleted_at}, and saves rows with state per batch. */
final class JsonFileWriter implements EntityWriter {

    private final JsonFileDestination destination;
    private final EntityTable table;
    private final boolean staging;
    private TableFile content;

    JsonFileWriter(JsonFileDestination destination, EntityTable table, boolean staging, TableFile start) {
        this.destination = destination;
        this.table = table;
        this.staging = staging;
        this.content = start;
    }

    @Override
    public void write(WriteBatch batch) {
        PluginLoaderCheck.require(getClass());
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>(content.rows());
        for (Map<String, Object> record : batch.records()) {
            Map<String, Object> row = new LinkedHashMap<>(record);
            row.put("_synced_at", batch.syncedAt().toString());
            row.put("_data_source", table.dataSource());
            rows.put(key(record), row);
        }
        for (Map<String, Object> deleted : batch.deletedKeys()) {
            Map<String, Object> row = rows.get(key(deleted));
            if (row != null) {
                row.put("_deleted_at", batch.syncedAt().toString());
            }
        }
        save(new TableFile(batch.state(), rows));
    }

    @Override
    public void finish(SyncState state) {
        PluginLoaderCheck.require(getClass());
        save(new TableFile(state, content.rows()));
        if (staging) {
            destination.swapIn(table);
        }
    }

    @Override
    public void close() {
        PluginLoaderCheck.require(getClass());
    }

    private void save(TableFile next) {
        destination.write(destination.file(table, staging), next);
        content = next;
    }

    /** The key values as a JSON array, so that composite keys whose values contain a separator stay distinct. */
    private String key(Map<String, Object> record) {
        return table.primaryKey().stream().map(field -> '"' + String.valueOf(record.get(field))
                .replace("\\", "\\\\").replace("\"", "\\\"") + '"').collect(Collectors.joining(",", "[", "]"));
    }
}
