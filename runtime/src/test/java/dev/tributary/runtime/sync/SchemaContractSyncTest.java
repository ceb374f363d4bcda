package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tributary.runtime.FakeClock;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.SchemaContract;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.TypedWrite;
import dev.tributary.spi.destination.WriteBatch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The data source's {@code schema_contract} through the engine: a first run creates a typed table, a second run
 * brings a new field and a value of another type, and each contract decides what reaches the destination.
 */
class SchemaContractSyncTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SyncEngine engine = new SyncEngine(clock, new FakeSleeper(clock), Backoff.DEFAULT, () -> 0.5);
    private final InMemoryDestination destination = new InMemoryDestination(true);

    private static Map<String, Object> record(Object... pairs) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            record.put((String) pairs[i], pairs[i + 1]);
        }
        return record;
    }

    private SyncResult sync(SchemaContract contract, List<List<Map<String, Object>>> batches) {
        return sync(contract, batches, SyncListener.NONE);
    }

    private SyncResult sync(SchemaContract contract, List<List<Map<String, Object>>> batches,
            SyncListener listener) {
        ItemsConnector connector = new ItemsConnector(ItemSource.of(0), ItemSource.of(0));
        connector.replaceFetch(options -> {
            for (int i = 0; i < batches.size(); i++) {
                options.onBatch(batches.get(i), "batch-" + i + "-of-" + contract.settingValue());
            }
        });
        SyncRequest request = new SyncRequest("src", "src", List.of("tags"), false,
                Settings.DEFAULTS.withRequestsPerSecond(1000).withBurst(1000).withSchemaContract(contract));
        TokenBucket limiter = engine.rateLimiter(request.settings());
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), request.settings(),
                "src", limiter));
        return engine.sync(connector, destination, request, limiter, listener, new CancelHandle());
    }

    /** The first run: creates columns email and age whatever the contract. */
    private void firstRun(SchemaContract contract) {
        assertThat(sync(contract, List.of(List.of(record("id", 1, "email", "a@example.com", "age", 30))))
                .succeeded()).isTrue();
    }

    private static final List<Map<String, Object>> FITTING = List.of(record("id", 2, "email", "b@example.com",
            "age", 31));
    private static final List<Map<String, Object>> CHANGING = List.of(record("id", 3, "email", "c@example.com"),
            record("id", 4, "email", "d@example.com", "nickname", "dee"),
            record("id", 5, "email", "e@example.com", "age", "old"));

    private TypedWrite lastTyped() {
        return destination.writes.get(destination.writes.size() - 1).typed().orElseThrow();
    }

    private String position() {
        return destination.readState(new dev.tributary.spi.destination.EntityTable("src", "tags", List.of("id"),
                "src")).flatMap(SyncState::position).orElse("none");
    }

    @Test
    void freezeFailsTheEntityNamingFieldAndTableAndWritesNothingOfThatBatch() {
        firstRun(SchemaContract.FREEZE);

        SyncResult result = sync(SchemaContract.FREEZE, List.of(FITTING, CHANGING));

        EntityResult tags = result.entity("tags");
        assertThat(tags.status()).isEqualTo(EntityStatus.FAILED);
        assertThat(tags.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("schema_contract is freeze").contains("field 'nickname'").contains("table 'src_tags'")
                .contains("nothing of this batch was written"));
        assertThat(destination.writes).hasSize(2);
        assertThat(lastTyped().rows()).extracting(row -> row.get("id")).containsExactly("2");
        assertThat(position()).isEqualTo("batch-0-of-freeze");
        assertThat(lastTyped().layout().table().columns()).extracting(Column::name).containsExactly("email", "age");
    }

    @Test
    void discardRowWritesOnlyTheRecordsThatFitAndAdvancesTheState() {
        firstRun(SchemaContract.DISCARD_ROW);

        SyncResult result = sync(SchemaContract.DISCARD_ROW, List.of(CHANGING));

        assertThat(result.succeeded()).isTrue();
        WriteBatch last = destination.writes.get(destination.writes.size() - 1);
        assertThat(last.records()).extracting(r -> r.get("id")).containsExactly(3);
        assertThat(lastTyped().rows()).extracting(row -> row.get("id")).containsExactly("3");
        assertThat(lastTyped().changes()).isEmpty();
        assertThat(position()).isEqualTo("batch-0-of-discard_row");
    }

    @Test
    void discardRowCountsTheRecordsLeftOutApartFromTheRecordsWritten() {
        firstRun(SchemaContract.DISCARD_ROW);
        RecordingListener listener = new RecordingListener();

        SyncResult result = sync(SchemaContract.DISCARD_ROW, List.of(FITTING, CHANGING, FITTING), listener);

        EntityResult tags = result.entity("tags");
        assertThat(tags.succeeded()).isTrue();
        assertThat(tags.records()).isEqualTo(3);
        assertThat(tags.discarded()).isEqualTo(2);
        assertThat(listener.progress()).filteredOn(p -> p.status() == EntityStatus.RUNNING && p.records() > 0)
                .extracting(EntityProgress::records, EntityProgress::discarded)
                .containsExactly(tuple(1L, 0L),
                        tuple(2L, 2L), tuple(3L, 2L));
        assertThat(listener.finished()).singleElement().extracting(EntityResult::discarded).isEqualTo(2L);
    }

    @Test
    void discardValueAndEvolveDiscardNoRecord() {
        firstRun(SchemaContract.DISCARD_VALUE);

        EntityResult tags = sync(SchemaContract.DISCARD_VALUE, List.of(CHANGING)).entity("tags");

        assertThat(tags.records()).isEqualTo(3);
        assertThat(tags.discarded()).isZero();
        assertThat(sync(SchemaContract.EVOLVE, List.of(CHANGING)).entity("tags").discarded()).isZero();
    }

    @Test
    void discardValueWritesEveryRecordWithoutTheOffendingValues() {
        firstRun(SchemaContract.DISCARD_VALUE);

        assertThat(sync(SchemaContract.DISCARD_VALUE, List.of(CHANGING)).succeeded()).isTrue();

        assertThat(lastTyped().changes()).isEmpty();
        assertThat(lastTyped().rows()).hasSize(3);
        assertThat(lastTyped().rows().get(1)).doesNotContainKey("nickname")
                .hasEntrySatisfying("_record", raw -> assertThat((String) raw).contains("\"nickname\":\"dee\""));
        assertThat(lastTyped().rows().get(2)).doesNotContainKey("age")
                .hasEntrySatisfying("_record", raw -> assertThat((String) raw).contains("\"age\":\"old\""));
    }

    @Test
    void evolveAddsTheColumns() {
        firstRun(SchemaContract.EVOLVE);

        assertThat(sync(SchemaContract.EVOLVE, List.of(CHANGING)).succeeded()).isTrue();

        assertThat(lastTyped().layout().table().columns()).extracting(Column::name)
                .containsExactly("email", "age", "nickname", "age__v_text");
        assertThat(lastTyped().rows()).hasSize(3);
    }

    @Test
    void keepRawRecordFalseLeavesTheRawRecordOut() {
        ItemsConnector connector = new ItemsConnector(ItemSource.of(0), ItemSource.of(0));
        connector.replaceFetch(options -> options.onBatch(List.of(record("id", 1, "email", "a@example.com")), "x"));
        SyncRequest request = new SyncRequest("src", "src", List.of("tags"), false,
                Settings.DEFAULTS.withRequestsPerSecond(1000).withKeepRawRecord(false));
        TokenBucket limiter = engine.rateLimiter(request.settings());
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), request.settings(),
                "src", limiter));

        assertThat(engine.sync(connector, destination, request, limiter, SyncListener.NONE, new CancelHandle())
                .succeeded()).isTrue();

        assertThat(lastTyped().rows()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("email", "a@example.com").doesNotContainKey("_record"));
    }
}
