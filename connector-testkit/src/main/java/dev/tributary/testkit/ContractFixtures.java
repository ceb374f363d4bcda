package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the destination contract writes and how it compares: the tables, records and states of its checks, and the
 * assertion that a table holds exactly some records.
 */
final class ContractFixtures {

    /** The single-key table the checks write. */
    static final EntityTable ITEMS = new EntityTable("contract", "items", List.of("id"), "contract_source");
    /** The composite-key table the checks write. */
    static final EntityTable LINES = new EntityTable("contract", "lines", List.of("order_id", "line"),
            "contract_source");
    /** The {@code syncedAt} of the first batch of a check; later batches add seconds. */
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private ContractFixtures() {
    }

    /** An incremental run that has committed nothing yet, with a {@code since} and a highest cursor. */
    static SyncState incremental() {
        return SyncState.started(SyncMode.INCREMENTAL, Optional.of(T0.minusSeconds(86_400)),
                Optional.of(T0.minusSeconds(3_600)));
    }

    /** A full refresh that has committed nothing yet. */
    static SyncState fullRefresh() {
        return SyncState.started(SyncMode.FULL_REFRESH, Optional.empty(), Optional.empty());
    }

    /** The highest cursor after batch {@code batch}. */
    static Optional<Instant> cursor(int batch) {
        return Optional.of(T0.minusSeconds(3_600).plusSeconds(batch));
    }

    /** A record of {@link #ITEMS}. */
    static Map<String, Object> item(String id, String version) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("name", "item " + id);
        record.put("version", version);
        return record;
    }

    /** Records of {@link #ITEMS}, version {@code v1}. */
    static List<Map<String, Object>> items(String... ids) {
        return List.of(ids).stream().map(id -> item(id, "v1")).toList();
    }

    /** A record of {@link #LINES}. */
    static Map<String, Object> line(String order, String line, String version) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("order_id", order);
        record.put("line", line);
        record.put("version", version);
        return record;
    }

    /** The row with {@code key}, failing when there is none. */
    static StoredRow row(List<StoredRow> rows, String... key) {
        return rows.stream().filter(row -> row.key().equals(List.of(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no row with key " + List.of(key) + " among " + rows));
    }

    /** Asserts that {@code rows} hold exactly {@code expected}, one row per key; {@code when} says after what. */
    static void assertExactly(List<StoredRow> rows, EntityTable table, List<Map<String, Object>> expected,
            String when) {
        Optional<String> problem = RowDiff.describe(rows, table, expected);
        assertThat(problem).as("%s: the table of '%s' must hold exactly %s record(s), but %s", when,
                table.entity(), expected.size(), problem.orElse("")).isEmpty();
    }
}
