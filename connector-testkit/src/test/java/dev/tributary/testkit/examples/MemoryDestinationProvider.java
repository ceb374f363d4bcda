package dev.tributary.testkit.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.DestinationMetadata;
import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.TypedWrite;
import dev.tributary.spi.destination.WriteBatch;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Destinations of {@code memory:NAME[?password=P]} URLs kept in this provider instance, so that destinations opened
 * on the same URL share tables and state as if they were a database. Correct by default, with one deliberate fault
 * per {@link Fault}, so that the destination contract's self-test can show each check failing for its reason. Rows
 * are read back with {@link #rows}: {@code _record} as JSON text, times as ISO-8601 text.
 */
public final class MemoryDestinationProvider implements DestinationProvider {

    /** A deliberate mistake. */
    public enum Fault {
        NONE,
        /** Inserts every record as a new row. */
        APPENDS,
        /** Matches composite keys by their values joined with {@code |}. */
        JOINS_KEYS,
        /** Cuts table names after 50 characters. */
        CUTS_LONG_NAMES,
        /** Keeps the first record of a key within a batch. */
        FIRST_IN_BATCH_WINS,
        /** Stores the state only when the run finishes. */
        STATE_ON_FINISH_ONLY,
        /** Writes a full refresh straight into the live table. */
        REFRESHES_IN_PLACE,
        /** Starts every full-refresh writer with an empty staging table, even when resuming. */
        DROPS_STAGING_ON_RESUME,
        /** Removes deleted rows. */
        HARD_DELETES,
        /** Keeps {@code _deleted_at} when a deleted key is upserted again. */
        KEEPS_DELETION,
        /** Puts the whole URL, password included, into {@code describe()}. */
        DESCRIBES_THE_PASSWORD,
        /** Tells tables apart with {@code EntityTable.equals}, which compares their schemas too. */
        KEYS_BY_SCHEMA,
        /** Reads the stored state for {@code writeMergingState} and merges it without holding the lock. */
        MERGES_OUTSIDE_THE_LOCK,
        /** Does not implement {@code writeMergingState}, as a destination built against SPI 1.0. */
        WITHOUT_STATE_MERGE
    }

    private final Fault fault;
    private final boolean typed;
    private final Map<String, Database> databases = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public MemoryDestinationProvider() {
        this(Fault.NONE, false);
    }

    /**
     * @param typed whether the destination declares typed tables; it then stores the rows of each batch's typed form
     *     and fails a batch without one
     */
    public MemoryDestinationProvider(Fault fault, boolean typed) {
        this.fault = fault;
        this.typed = typed;
    }

    @Override
    public DestinationMetadata metadata() {
        return new DestinationMetadata("memory", "In memory (testkit example)", List.of("memory:NAME"), typed);
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("memory:");
    }

    @Override
    public synchronized Destination open(String url, UnaryOperator<String> environment) {
        String name = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return new MemoryDestination(fault == Fault.DESCRIBES_THE_PASSWORD ? url : name,
                databases.computeIfAbsent(name, n -> new Database()));
    }

    /** The live rows of {@code table} in the destination at {@code url}, as a database client would read them. */
    public synchronized List<Map<String, Object>> rows(String url, EntityTable table) {
        Database database = databases.get(url);
        if (database == null) {
            return List.of();
        }
        return database.live.getOrDefault(tableName(table), Map.of()).values().stream().map(this::asColumns).toList();
    }

    private Map<String, Object> asColumns(Row row) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < row.keyFields.size(); i++) {
            columns.put(row.keyFields.get(i), row.key.get(i));
        }
        try {
            columns.put("_record", json.writeValueAsString(row.record));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        columns.put("_synced_at", row.syncedAt);
        columns.put("_data_source", row.dataSource);
        columns.put("_deleted_at", row.deletedAt);
        return columns;
    }

    private String tableName(EntityTable table) {
        String name = table.prefix() + "_" + table.entity()
                + (fault == Fault.KEYS_BY_SCHEMA && table.schema().isPresent() ? "_declared" : "");
        return fault == Fault.CUTS_LONG_NAMES && name.length() > 50 ? name.substring(0, 50) : name;
    }

    /** The tables and states of one URL. */
    private static final class Database {
        final Map<String, Map<Object, Row>> live = new HashMap<>();
        final Map<String, Map<Object, Row>> staging = new HashMap<>();
        final Map<String, SyncState> states = new HashMap<>();
        final Map<String, EntityLayout> layouts = new HashMap<>();
    }

    private static final class Row {
        final List<String> keyFields;
        final List<String> key;
        Map<String, Object> record;
        String syncedAt;
        String dataSource;
        String deletedAt;

        Row(List<String> keyFields, List<String> key) {
            this.keyFields = keyFields;
            this.key = key;
        }
    }

    private final class MemoryDestination implements Destination {
        private final String described;
        private final Database database;

        MemoryDestination(String described, Database database) {
            this.described = described;
            this.database = database;
        }

        @Override
        public String describe() {
            return "memory destination " + described;
        }

        @Override
        public boolean typedTables() {
            return typed;
        }

        @Override
        public Optional<SyncState> readState(EntityTable table) {
            synchronized (MemoryDestinationProvider.this) {
                return Optional.ofNullable(database.states.get(tableName(table)));
            }
        }

        @Override
        public EntityWriter openWriter(EntityTable table, SyncState state) {
            synchronized (MemoryDestinationProvider.this) {
                String name = tableName(table);
                boolean staging = state.mode() == SyncMode.FULL_REFRESH && fault != Fault.REFRESHES_IN_PLACE;
                if (staging && (state.position().isEmpty() || fault == Fault.DROPS_STAGING_ON_RESUME)) {
                    database.staging.put(name, new LinkedHashMap<>());
                }
                return new MemoryWriter(database, table, staging);
            }
        }

        @Override
        public void close() {
        }
    }

    private final class MemoryWriter implements EntityWriter {
        private final Database database;
        private final EntityTable table;
        private final String name;
        private final boolean staging;

        MemoryWriter(Database database, EntityTable table, boolean staging) {
            this.database = database;
            this.table = table;
            this.name = tableName(table);
            this.staging = staging;
        }

        @Override
        public void write(WriteBatch batch) {
            write(batch, Optional.empty());
        }

        @Override
        public void writeMergingState(WriteBatch batch,
                BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
            if (fault == Fault.WITHOUT_STATE_MERGE) {
                EntityWriter.super.writeMergingState(batch, merge);
            } else if (fault != Fault.MERGES_OUTSIDE_THE_LOCK) {
                write(batch, Optional.of(merge));
                return;
            }
            Optional<SyncState> stored;
            synchronized (MemoryDestinationProvider.this) {
                stored = Optional.ofNullable(database.states.get(name));
            }
            SyncState merged = merge.apply(stored, batch.state());
            write(new WriteBatch(batch.records(), batch.deletedKeys(), merged, batch.syncedAt(), batch.typed()));
        }

        private void write(WriteBatch batch, Optional<BiFunction<Optional<SyncState>, SyncState, SyncState>> merge) {
            synchronized (MemoryDestinationProvider.this) {
                Map<Object, Row> rows = (staging ? database.staging : database.live)
                        .computeIfAbsent(name, n -> new LinkedHashMap<>());
                List<Map<String, Object>> records = typed ? typedRecords(batch) : batch.records();
                if (fault == Fault.FIRST_IN_BATCH_WINS) {
                    records = new ArrayList<>(records);
                    Collections.reverse(records);
                }
                for (Map<String, Object> record : records) {
                    List<String> key = key(record);
                    Object match = fault == Fault.APPENDS ? new Object() : match(key);
                    Row row = rows.computeIfAbsent(match, k -> new Row(table.primaryKey(), key));
                    row.record = new LinkedHashMap<>(record);
                    row.syncedAt = batch.syncedAt().toString();
                    row.dataSource = table.dataSource();
                    if (fault != Fault.KEEPS_DELETION) {
                        row.deletedAt = null;
                    }
                }
                for (Map<String, Object> deleted : batch.deletedKeys()) {
                    Row row = rows.get(match(key(deleted)));
                    if (row != null && fault == Fault.HARD_DELETES) {
                        rows.remove(match(key(deleted)));
                    } else if (row != null) {
                        row.deletedAt = batch.syncedAt().toString();
                    }
                }
                if (merge.isPresent()) {
                    database.states.put(name, merge.get().apply(Optional.ofNullable(database.states.get(name)),
                            batch.state()));
                } else if (fault != Fault.STATE_ON_FINISH_ONLY) {
                    database.states.put(name, batch.state());
                }
            }
        }

        @Override
        public Optional<EntityLayout> layout() {
            if (!typed) {
                return Optional.empty();
            }
            synchronized (MemoryDestinationProvider.this) {
                List<Column> keys = table.primaryKey().stream()
                        .map(field -> new Column(field, ColumnType.STRING, field, "")).toList();
                return Optional.of(database.layouts.getOrDefault(name, EntityLayout.keysOnly(name, keys)));
            }
        }

        /** The records of a batch as this destination stores them from the typed rows. */
        @SuppressWarnings("unchecked")
        private List<Map<String, Object>> typedRecords(WriteBatch batch) {
            TypedWrite write = batch.typed().orElseThrow(() -> new DestinationException(
                    "a batch without typed form reached a destination that declares typed tables"));
            database.layouts.put(name, write.layout());
            List<Map<String, Object>> records = new ArrayList<>();
            for (Map<String, Object> row : write.rows()) {
                try {
                    records.add(json.readValue((String) row.get("_record"), Map.class));
                } catch (JsonProcessingException e) {
                    throw new DestinationException("_record is not JSON: " + e.getOriginalMessage(), e);
                }
            }
            return records;
        }

        @Override
        public void finish(SyncState state) {
            synchronized (MemoryDestinationProvider.this) {
                if (staging) {
                    Map<Object, Row> refreshed = database.staging.remove(name);
                    database.live.put(name, refreshed == null ? new LinkedHashMap<>() : refreshed);
                }
                database.states.put(name, state);
            }
        }

        @Override
        public void close() {
        }

        private List<String> key(Map<String, Object> record) {
            return table.primaryKey().stream().map(field -> String.valueOf(record.get(field))).toList();
        }

        private Object match(List<String> key) {
            return fault == Fault.JOINS_KEYS ? String.join("|", key) : key;
        }
    }
}
