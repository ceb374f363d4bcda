package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.FakeClock;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.TypedWrite;
import dev.tributary.spi.destination.WriteBatch;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A destination declaring typed tables gets every batch's TypedWrite; others get none. */
class TypedSyncTest {

    private static InMemoryDestination sync(boolean typed) {
        FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
        SyncEngine engine = new SyncEngine(clock, new FakeSleeper(clock), Backoff.DEFAULT, () -> 0.5);
        InMemoryDestination destination = new InMemoryDestination(typed);
        ItemsConnector connector = new ItemsConnector(ItemSource.of(25), ItemSource.of(0));
        SyncRequest request = SyncHarness.request("items");
        TokenBucket limiter = engine.rateLimiter(request.settings());
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), request.settings(),
                "src", limiter));
        assertThat(engine.sync(connector, destination, request, limiter, SyncListener.NONE, new CancelHandle())
                .succeeded()).isTrue();
        return destination;
    }

    @Test
    void everyBatchCarriesTypedRowsAndTheFirstAddsTheColumns() {
        InMemoryDestination destination = sync(true);

        assertThat(destination.writes).isNotEmpty().allMatch(write -> write.typed().isPresent());
        TypedWrite first = destination.writes.get(0).typed().orElseThrow();
        assertThat(first.changes()).extracting(change -> change.column().orElseThrow().name())
                .containsExactly("updated", "name");
        assertThat(first.changes()).extracting(SchemaChange::kind).containsOnly(SchemaChange.Kind.ADD_COLUMN);
        assertThat(first.layout().table().column("updated").orElseThrow().type()).isEqualTo(ColumnType.INTEGER);
        assertThat(first.rows().get(0)).containsEntry("id", "1").containsEntry("updated", 1001L)
                .containsEntry("name", "item 1").doesNotContainKey("note");
        assertThat(destination.writes.subList(1, destination.writes.size()))
                .allMatch(write -> write.typed().orElseThrow().changes().isEmpty());
        assertThat(destination.writes).extracting(w -> w.typed().orElseThrow().runId()).containsOnly(first.runId());
        int rows = destination.writes.stream().mapToInt(w -> w.typed().orElseThrow().rows().size()).sum();
        assertThat(rows).isEqualTo(25);
    }

    @Test
    void aDestinationWithoutTypedTablesGetsNoTypedWrite() {
        assertThat(sync(false).writes).isNotEmpty().extracting(WriteBatch::typed).containsOnly(Optional.empty());
    }
}
