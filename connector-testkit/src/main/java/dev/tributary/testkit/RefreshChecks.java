package dev.tributary.testkit;

import static dev.tributary.testkit.ContractFixtures.ITEMS;
import static dev.tributary.testkit.ContractFixtures.T0;
import static dev.tributary.testkit.ContractFixtures.assertExactly;
import static dev.tributary.testkit.ContractFixtures.fullRefresh;
import static dev.tributary.testkit.ContractFixtures.item;
import static dev.tributary.testkit.ContractFixtures.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import java.util.List;
import java.util.Optional;

/**
 * The checks on full refreshes: the old rows stay visible until {@code finish} swaps in exactly the new ones, an
 * unfinished refresh changes nothing visible, a resumed one keeps its staging rows, and one without records empties
 * the table.
 */
final class RefreshChecks {

    private final DestinationHarness harness;

    RefreshChecks(DestinationHarness harness) {
        this.harness = harness;
    }

    void aResumedFullRefreshKeepsTheRowsItsStagingTableAlreadyHas() throws Exception {
        Destination crashed = harness.open();
        EntityWriter first = harness.writer(crashed, ITEMS, fullRefresh());
        SyncState afterFirst = fullRefresh().advancedTo("p1", Optional.empty());
        harness.write(first, items("1", "2"), List.of(), afterFirst, T0);
        harness.close(first);
        harness.close(crashed);

        Destination destination = harness.open();
        assertThat(destination.readState(ITEMS))
                .as("after a full refresh wrote a batch and stopped without finish, readState() must return that"
                        + " batch's state (FULL_REFRESH, unfinished), even though the live table was not replaced")
                .contains(afterFirst);
        assertThat(harness.rows(ITEMS)).as("an unfinished first full refresh must not show rows in the live table")
                .isEmpty();
        EntityWriter resumed = harness.writer(destination, ITEMS, afterFirst);
        SyncState next = afterFirst.advancedTo("p2", Optional.empty());
        harness.write(resumed, items("3"), List.of(), next, T0.plusSeconds(60));
        resumed.finish(next.asFinished());

        assertExactly(harness.rows(ITEMS), ITEMS, items("1", "2", "3"),
                "after a full refresh resumed with its stored state (a position present) and finished: openWriter"
                        + " must keep the staging rows of the interrupted run, and finish must swap in all of them");
    }

    void aFullRefreshKeepsTheOldRowsVisibleUntilFinishThenHoldsExactlyTheNewRows() {
        Destination destination = harness.open();
        harness.refresh(destination, items("1", "2", "3"), T0);

        EntityWriter writer = harness.writer(destination, ITEMS, fullRefresh());
        SyncState state = fullRefresh().advancedTo("p1", Optional.empty());
        harness.write(writer, List.of(item("2", "v2"), item("4", "v1")), List.of(), state, T0.plusSeconds(60));
        assertExactly(harness.rows(ITEMS), ITEMS, items("1", "2", "3"),
                "while a second full refresh has written a batch but not finished, the previous generation,"
                        + " unchanged (write into a staging table)");
        writer.finish(state.asFinished());

        assertExactly(harness.rows(ITEMS), ITEMS, List.of(item("2", "v2"), item("4", "v1")),
                "after the second full refresh finished, only its rows (keys 1 and 3 vanished from the source)");
    }

    void anUnfinishedFullRefreshLeavesTheOldRowsIntactAndANewOneStartsEmpty() throws Exception {
        Destination destination = harness.open();
        harness.refresh(destination, items("1", "2"), T0);
        EntityWriter abandoned = harness.writer(destination, ITEMS, fullRefresh());
        harness.write(abandoned, items("3"), List.of(), fullRefresh().advancedTo("p1", Optional.empty()),
                T0.plusSeconds(60));
        harness.close(abandoned);
        harness.close(destination);

        Destination reopened = harness.open();
        assertExactly(harness.rows(ITEMS), ITEMS, items("1", "2"),
                "after a full refresh that wrote key 3 and stopped without finish, the previous generation");
        harness.refresh(reopened, items("4"), T0.plusSeconds(120));
        assertExactly(harness.rows(ITEMS), ITEMS, items("4"),
                "after a new full refresh (state without position) following an abandoned one, only the new run's"
                        + " rows: openWriter must start it with an empty staging table, dropping the abandoned rows");
    }

    void aFullRefreshWithoutRecordsLeavesAnEmptyTable() {
        Destination destination = harness.open();
        harness.refresh(destination, items("1", "2"), T0);
        harness.refresh(destination, List.of(), T0.plusSeconds(60));

        assertExactly(harness.rows(ITEMS), ITEMS, List.of(),
                "after a full refresh that received no record (the source is empty now)");
        assertThat(destination.readState(ITEMS)).as("the state of a finished full refresh without batches")
                .contains(fullRefresh().asFinished());
    }
}
