package dev.tributary.testkit;

import static dev.tributary.testkit.ContractFixtures.ITEMS;
import static dev.tributary.testkit.ContractFixtures.T0;
import static dev.tributary.testkit.ContractFixtures.assertExactly;
import static dev.tributary.testkit.ContractFixtures.cursor;
import static dev.tributary.testkit.ContractFixtures.incremental;
import static dev.tributary.testkit.ContractFixtures.item;
import static dev.tributary.testkit.ContractFixtures.items;
import static dev.tributary.testkit.ContractFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The checks on deletions: a deleted key keeps its row with {@code _deleted_at} set, is live again when sent again,
 * is deleted after the records of its batch, and an unknown one adds no row.
 */
final class DeletionChecks {

    private final DestinationHarness harness;

    DeletionChecks(DestinationHarness harness) {
        this.harness = harness;
    }

    void aDeletionMarksTheRowDeletedAndKeepsIt() {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        harness.write(writer, items("1", "2", "3"), List.of(), incremental().advancedTo("p1", cursor(1)), T0);
        Instant deletedAt = T0.plusSeconds(60);
        harness.write(writer, List.of(), List.of(Map.of("id", "2")), incremental().advancedTo("p2", cursor(2)),
                deletedAt);

        List<StoredRow> rows = harness.rows(ITEMS);
        assertExactly(rows, ITEMS, items("1", "2", "3"),
                "after deleting key 2, every row (a deleted row is kept, its record unchanged)");
        assertThat(row(rows, "2").deletedAt()).as("_deleted_at of deleted row [2] must be the deleting batch's"
                + " syncedAt").contains(deletedAt);
        assertThat(row(rows, "1").deletedAt()).as("_deleted_at of row [1], not deleted").isEmpty();
        assertThat(row(rows, "3").deletedAt()).as("_deleted_at of row [3], not deleted").isEmpty();
    }

    void aDeletedKeySentAgainIsLiveAgain() {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        harness.write(writer, items("1", "2"), List.of(), incremental().advancedTo("p1", cursor(1)), T0);
        harness.write(writer, List.of(), List.of(Map.of("id", "2")), incremental().advancedTo("p2", cursor(2)),
                T0.plusSeconds(60));
        harness.write(writer, List.of(item("2", "v2")), List.of(), incremental().advancedTo("p3", cursor(3)),
                T0.plusSeconds(120));

        List<StoredRow> rows = harness.rows(ITEMS);
        assertExactly(rows, ITEMS, List.of(item("1", "v1"), item("2", "v2")),
                "after deleting key 2 and then receiving it again");
        assertThat(row(rows, "2").deletedAt())
                .as("_deleted_at of row [2] must be null again once the key is upserted after its deletion")
                .isEmpty();
    }

    void deletionsApplyAfterTheRecordsOfTheSameBatch() {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        harness.write(writer, items("1", "2"), List.of(Map.of("id", "2")), incremental().advancedTo("p1", cursor(1)),
                T0);

        List<StoredRow> rows = harness.rows(ITEMS);
        assertExactly(rows, ITEMS, items("1", "2"), "after one batch upserting keys 1 and 2 and deleting key 2");
        assertThat(row(rows, "2").deletedAt())
                .as("row [2], upserted and deleted in the same batch, must end deleted: deletions apply after the"
                        + " batch's records")
                .contains(T0);
    }

    void deletingAKeyThatWasNeverWrittenAddsNoRow() {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        harness.write(writer, items("1"), List.of(), incremental().advancedTo("p1", cursor(1)), T0);
        SyncState state = incremental().advancedTo("p2", cursor(2));
        harness.write(writer, List.of(), List.of(Map.of("id", "99")), state, T0.plusSeconds(60));

        assertExactly(harness.rows(ITEMS), ITEMS, items("1"),
                "after deleting key 99, which was never written (no row is made up for it)");
        assertThat(destination.readState(ITEMS)).as("the state of a batch holding only an unknown deleted key")
                .contains(state);
    }
}
