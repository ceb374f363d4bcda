package dev.tributary.testkit;

import static dev.tributary.testkit.ContractFixtures.ITEMS;
import static dev.tributary.testkit.ContractFixtures.fullRefresh;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What the destination contract's checks share: the one destination URL of the check, opening destinations and
 * writers through the author's provider (and closing whatever is still open after the check), and turning the
 * author's rows into {@link StoredRow}s, with assertion messages naming the call that failed. One per
 * {@link DestinationContract} instance, so per check; the state-merge check writes from two threads, one writer
 * each.
 */
final class DestinationHarness {

    private static final Set<String> SYSTEM_COLUMNS = Set.of("_record", "_synced_at", "_data_source", "_deleted_at");

    private final DestinationContract contract;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<EntityWriter, TypedBatches> typed = new IdentityHashMap<>();
    private String url;

    DestinationHarness(DestinationContract contract) {
        this.contract = contract;
    }

    /** Makes the check's destination URL from the author's hook. */
    void start(Path directory) throws Exception {
        url = contract.destinationUrl(directory);
        if (url == null || url.isBlank()) {
            throw new AssertionError("destinationUrl(directory) returned no URL; return the URL of a fresh, empty"
                    + " destination, e.g. in the directory it is given");
        }
    }

    String url() {
        return url;
    }

    /** Closes the writers, then the destinations, that the check left open. */
    void closeAll() {
        List<AutoCloseable> closing = new ArrayList<>(open);
        Collections.reverse(closing);
        open.clear();
        for (AutoCloseable resource : closing) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new AssertionError("close() threw " + e + "; close() must release everything and never"
                        + " throw", e);
            }
        }
    }

    /** Opens a new destination instance on the check's URL, as a new process would. */
    Destination open() {
        return open(url);
    }

    Destination open(String destinationUrl) {
        if (!contract.provider().accepts(destinationUrl)) {
            throw new AssertionError("the provider does not accept the URL from destinationUrl(directory); accepts()"
                    + " must be true for every URL form open() takes");
        }
        Destination destination = contract.provider().open(destinationUrl, contract.environment());
        if (destination == null) {
            throw new AssertionError("provider().open(url, environment) returned null; return the destination or"
                    + " throw DestinationException");
        }
        open.add(destination);
        return destination;
    }

    EntityWriter writer(Destination destination, EntityTable table, SyncState state) {
        EntityWriter writer = destination.openWriter(table, state);
        if (writer == null) {
            throw new AssertionError("openWriter(" + table.entity() + ", " + state + ") returned null");
        }
        open.add(writer);
        if (destination.typedTables()) {
            EntityLayout layout = writer.layout().orElseThrow(() -> new AssertionError("the destination declares"
                    + " typed tables but the writer of '" + table.entity() + "' returns no layout(); return the"
                    + " layout of the table openWriter prepared (key columns only when new)"));
            synchronized (typed) {
                typed.put(writer, new TypedBatches(table, layout, "contract-run-" + typed.size()));
            }
        }
        return writer;
    }

    /** Closes a writer or destination now, as the engine does when a run stops; not again after the check. */
    void close(AutoCloseable resource) throws Exception {
        open.remove(resource);
        resource.close();
    }

    /**
     * Writes one batch of records and deletions with {@code state}, at {@code syncedAt}; with its typed form when the
     * writer's destination declares typed tables.
     */
    void write(EntityWriter writer, List<Map<String, Object>> records, List<Map<String, Object>> deletedKeys,
            SyncState state, Instant syncedAt) {
        writer.write(batch(writer, records, deletedKeys, state, syncedAt));
    }

    /** Like {@link #write}, through {@link EntityWriter#writeMergingState} with {@code merge}; no deletions. */
    void writeMergingState(EntityWriter writer, List<Map<String, Object>> records, SyncState state,
            Instant syncedAt, BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
        writer.writeMergingState(batch(writer, records, List.of(), state, syncedAt), merge);
    }

    private WriteBatch batch(EntityWriter writer, List<Map<String, Object>> records,
            List<Map<String, Object>> deletedKeys, SyncState state, Instant syncedAt) {
        TypedBatches typedBatches;
        synchronized (typed) {
            typedBatches = typed.get(writer);
        }
        if (typedBatches == null) {
            return new WriteBatch(records, deletedKeys, state, syncedAt);
        }
        List<Map<String, Object>> lastPerKey = typedBatches.lastPerKey(records);
        return new WriteBatch(lastPerKey, deletedKeys, state, syncedAt, Optional.of(typedBatches.typed(lastPerKey)));
    }

    /** The live rows of {@code table}, read through the author's reader, by primary key in reading order. */
    List<StoredRow> rows(EntityTable table) {
        List<Map<String, Object>> read;
        try {
            read = contract.readRows(url, table);
        } catch (Exception e) {
            throw new AssertionError("readRows(url, " + table.entity() + ") threw " + e, e);
        }
        if (read == null) {
            throw new AssertionError("readRows(url, " + table.entity() + ") returned null; return an empty list"
                    + " when the table does not exist");
        }
        List<StoredRow> rows = new ArrayList<>();
        for (Map<String, Object> row : read) {
            rows.add(toStoredRow(row, table));
        }
        return rows;
    }

    /** Runs a whole full refresh of {@code ITEMS} with {@code records} in one batch (none when empty). */
    void refresh(Destination destination, List<Map<String, Object>> records, Instant syncedAt) {
        EntityWriter writer = writer(destination, ITEMS, fullRefresh());
        SyncState state = fullRefresh();
        if (!records.isEmpty()) {
            state = state.advancedTo("p1", Optional.empty());
            write(writer, records, List.of(), state, syncedAt);
        }
        writer.finish(state.asFinished());
        try {
            close(writer);
        } catch (Exception e) {
            throw new AssertionError("EntityWriter.close() threw " + e, e);
        }
    }

    private static StoredRow toStoredRow(Map<String, Object> row, EntityTable table) {
        List<String> key = new ArrayList<>();
        for (String field : table.primaryKey()) {
            Object value = row.get(field);
            if (value == null) {
                throw new AssertionError("a row read from the table of '" + table.entity() + "' has no value for"
                        + " primary-key column '" + field + "' (columns " + row.keySet() + "); readRows must return"
                        + " the key columns under the primary-key field names");
            }
            key.add(value.toString());
        }
        Object syncedAt = required(row, "_synced_at", table);
        Object dataSource = required(row, "_data_source", table);
        return new StoredRow(List.copyOf(key), record(required(row, "_record", table), key, table),
                instant(syncedAt, "_synced_at", key), dataSource.toString(),
                Optional.ofNullable(row.get("_deleted_at")).map(value -> instant(value, "_deleted_at", key)));
    }

    private static Object required(Map<String, Object> row, String column, EntityTable table) {
        Object value = row.get(column);
        if (value == null) {
            List<String> system = row.keySet().stream().filter(SYSTEM_COLUMNS::contains).toList();
            throw new AssertionError("a row read from the table of '" + table.entity() + "' has no " + column
                    + " (system columns read: " + system + "); every row needs _record, _synced_at and"
                    + " _data_source");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(Object value, List<String> key, EntityTable table) {
        Object parsed = value;
        if (value instanceof CharSequence text) {
            try {
                parsed = JsonText.parse(text.toString());
            } catch (IllegalArgumentException e) {
                throw new AssertionError("_record of row " + key + " of '" + table.entity() + "' is not JSON: "
                        + e.getMessage());
            }
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new AssertionError("_record of row " + key + " of '" + table.entity() + "' is "
                    + parsed.getClass().getName() + "; readRows must return it as JSON text or as a Map");
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    private static Instant instant(Object value, String column, List<String> key) {
        try {
            if (value instanceof Instant instant) {
                return instant;
            }
            if (value instanceof Date date) {
                return date.toInstant();
            }
            if (value instanceof TemporalAccessor temporal) {
                return Instant.from(temporal);
            }
            if (value instanceof CharSequence text) {
                return Instant.parse(text);
            }
        } catch (DateTimeException e) {
            throw new AssertionError(column + " of row " + key + " is '" + value + "', not an instant: "
                    + e.getMessage());
        }
        throw new AssertionError(column + " of row " + key + " is a " + value.getClass().getName()
                + "; readRows must return times as Instant, OffsetDateTime or ISO-8601 UTC text");
    }
}
