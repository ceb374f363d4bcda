package dev.tributary.testkit;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.destination.TypedWrite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed form of the contract's batches, for destinations that declare typed tables, computed as the runtime
 * would for the contract's records (string fields only): one {@link ColumnType#STRING} column per field, added by
 * an {@link SchemaChange.Kind#ADD_COLUMN} change in the first batch that has the field, key columns from the
 * writer's own {@link dev.tributary.spi.destination.EntityWriter#layout()}, {@code _record} as JSON text, and one
 * record per key (the last). One per writer; not thread-safe.
 */
final class TypedBatches {

    private final EntityTable table;
    private final String runId;
    private EntityLayout layout;

    TypedBatches(EntityTable table, EntityLayout start, String runId) {
        if (start.table().keyColumns().size() != table.primaryKey().size()) {
            throw new AssertionError("the writer's layout() of '" + table.entity() + "' has key columns "
                    + start.table().keyColumns().stream().map(Column::name).toList() + " for primary key "
                    + table.primaryKey() + "; it needs one key column per primary-key field, in order");
        }
        this.table = table;
        this.layout = start;
        this.runId = runId;
    }

    /** The records with one per key, the last one given, as the runtime hands them to typed destinations. */
    List<Map<String, Object>> lastPerKey(List<Map<String, Object>> records) {
        Map<List<String>, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            List<String> key = RowDiff.keyOf(record, table);
            byKey.remove(key);
            byKey.put(key, record);
        }
        return List.copyOf(byKey.values());
    }

    /** The typed form of {@code records}, which hold one record per key. */
    TypedWrite typed(List<Map<String, Object>> records) {
        List<SchemaChange> changes = new ArrayList<>();
        TableLayout entity = layout.table();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> record : records) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < table.primaryKey().size(); i++) {
                row.put(entity.keyColumns().get(i).name(), String.valueOf(record.get(table.primaryKey().get(i))));
            }
            for (Map.Entry<String, Object> field : record.entrySet()) {
                if (table.primaryKey().contains(field.getKey())) {
                    continue;
                }
                if (entity.column(field.getKey()).isEmpty()) {
                    Column column = new Column(field.getKey(), ColumnType.STRING, field.getKey(), "");
                    entity = entity.withColumn(column);
                    changes.add(new SchemaChange(SchemaChange.Kind.ADD_COLUMN, entity.name(), Optional.of(column),
                            Optional.empty(), "new field " + field.getKey()));
                }
                row.put(field.getKey(), field.getValue());
            }
            row.put("_record", JsonText.write(record));
            rows.add(row);
        }
        layout = new EntityLayout(entity, layout.children());
        return new TypedWrite(layout, changes, rows, Map.of(), runId);
    }
}
