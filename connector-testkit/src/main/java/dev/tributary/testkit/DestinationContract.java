package dev.tributary.testkit;

import static dev.tributary.testkit.ContractFixtures.ITEMS;
import static dev.tributary.testkit.ContractFixtures.LINES;
import static dev.tributary.testkit.ContractFixtures.T0;
import static dev.tributary.testkit.ContractFixtures.assertExactly;
import static dev.tributary.testkit.ContractFixtures.cursor;
import static dev.tributary.testkit.ContractFixtures.fullRefresh;
import static dev.tributary.testkit.ContractFixtures.incremental;
import static dev.tributary.testkit.ContractFixtures.item;
import static dev.tributary.testkit.ContractFixtures.items;
import static dev.tributary.testkit.ContractFixtures.line;
import static dev.tributary.testkit.ContractFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every destination keeps, as a JUnit 5 test class to extend: the guarantees the sync engine builds
 * exactly-once syncs on. Supply the provider, the URL of a fresh destination, and a way to read a table's rows
 * (the SPI has no read API); every check is its own test, named after the rule, and a failing one says what broke.
 *
 * <pre>{@code
 * class MyDestinationContractTest extends DestinationContract {
 *     protected DestinationProvider provider() { return new MyDestinationProvider(); }
 *     protected String destinationUrl(Path directory) { return "mydb:" + directory.resolve("warehouse.mydb"); }
 *     protected List<Map<String, Object>> readRows(String url, EntityTable table) throws Exception {
 *         // SELECT * FROM <the table the destination derives from table>; each row as a map of column to value
 *     }
 *     protected List<String> urlsWithPassword(String password) { ... }   // optional
 * }
 * }</pre>
 *
 * <h2>What is checked</h2>
 * <ul>
 *   <li>Upsert on the primary key: one row per key holding the latest record, the last one within a batch, for
 *       single and composite keys, comparing each key field exactly as text, in batches of thousands of
 *       records; {@code _synced_at} and {@code _data_source} written; an incremental run after a full refresh
 *       upserts into the swapped-in table.</li>
 *   <li>State committed with the rows: once {@code write} returns, a new destination instance on the same URL reads
 *       the batch's state and exactly the rows written so far, even when the writer was closed without
 *       {@code finish}; state and tables are kept per prefix and entity, also for entities whose long names share
 *       their beginning; {@code finish} stores the finished state.</li>
 *   <li>Resume: a writer reopened with the stored state continues without duplicates or gaps, for incremental runs
 *       and for full refreshes (whose staging rows survive).</li>
 *   <li>State merged under a lock (SPI 1.1's {@code writeMergingState}, skipped when it is not implemented): while
 *       one writer's merge function runs, a second writer of the same table on another destination instance waits,
 *       then merges the state the first committed, for a new state row and an existing one.</li>
 *   <li>Full refresh: the old rows stay visible, unchanged, until {@code finish}, then exactly the new rows; an
 *       unfinished refresh leaves the old rows intact and a new refresh starts from an empty staging table; a refresh
 *       without records empties the table.</li>
 *   <li>Deletions: a deleted key keeps its row with {@code _deleted_at} set to the batch's time; the same key sent
 *       again is live again; deletions apply after the records of their batch; deleting a key never written adds no
 *       row and is no error.</li>
 *   <li>{@code describe()} is not blank and, for URLs with credentials ({@link #urlsWithPassword}), neither it nor
 *       any exception message shows the password.</li>
 * </ul>
 *
 * <p>The checks write tables {@code contract_items} (key {@code id}) and {@code contract_lines} (key
 * {@code order_id, line}) with prefix {@code contract} and data source {@code contract_source}, and a few more
 * (another prefix, entities with long names); records hold string fields only. Each check gets its own
 * {@link TempDir} and calls {@link #destinationUrl} once; it opens several destination instances on that URL, one
 * after the other or side by side, as successive or concurrent runs would. For a destination whose {@code typedTables()} is true, every batch also carries its
 * {@code WriteBatch.typed()} form, computed as the runtime would: one {@code STRING} column per record field, added
 * with an {@code ADD_COLUMN} change by the first batch that has it, key columns as the writer's {@code layout()}
 * names them (so a typed writer must return its layout), {@code _record} as JSON text, one record per key.
 *
 * <p>Instances are made per check by JUnit; the class is not thread-safe.
 */
public abstract class DestinationContract {

    private static final String PASSWORD = "Canary-pw-4f7e9b21";

    private final DestinationHarness harness = new DestinationHarness(this);
    private final RefreshChecks refreshChecks = new RefreshChecks(harness);
    private final DeletionChecks deletionChecks = new DeletionChecks(harness);
    private final StateMergeChecks stateMergeChecks = new StateMergeChecks(harness);

    /** For subclasses. */
    protected DestinationContract() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // What the author supplies

    /** The provider under test, as the runtime's {@link java.util.ServiceLoader} makes it. */
    protected abstract DestinationProvider provider();

    /**
     * The URL of a fresh, empty destination for one check, e.g. a file in {@code directory}, or a new database or
     * schema of a test server. Called once per check, before any other hook.
     *
     * @param directory an empty directory of the check's own, deleted after it
     */
    protected abstract String destinationUrl(Path directory) throws Exception;

    /**
     * Reads the live rows of {@code table}'s table (not a staging table) in the destination at {@code url}, through
     * a connection of its own, as a person querying the database would.
     *
     * @return one map per row, holding the primary-key columns under the primary-key field names (values as text),
     *     {@code _record} (JSON text, or the parsed object as a {@link Map}), {@code _synced_at} and
     *     {@code _deleted_at} (as {@link Instant}, {@code OffsetDateTime}, {@code java.sql.Timestamp} or ISO-8601
     *     text; {@code _deleted_at} null or missing for a live row) and {@code _data_source}; an empty list when the
     *     table does not exist
     */
    protected abstract List<Map<String, Object>> readRows(String url, EntityTable table) throws Exception;

    /**
     * The environment the destinations are opened with.
     *
     * @implSpec The default has no variables.
     */
    protected UnaryOperator<String> environment() {
        return name -> null;
    }

    /**
     * URLs of this destination's kind that carry {@code password} as a credential, for the check that it never shows:
     * one that opens, ideally, and one that fails to (e.g. a closed port). Called after {@link #destinationUrl}.
     *
     * @implSpec The default is none, which skips that check: right for URL forms without credentials.
     */
    protected List<String> urlsWithPassword(String password) {
        return List.of();
    }

    @BeforeEach
    final void startContract(@TempDir Path directory) throws Exception {
        harness.start(directory);
    }

    @AfterEach
    final void closeContractResources() {
        harness.closeAll();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sync state

    @Test
    void readStateIsEmptyForANeverWrittenEntity() {
        Destination destination = harness.open();
        assertThat(destination.readState(ITEMS))
                .as("readState() of an entity never written into this destination must be empty, so that its"
                        + " first run is a full refresh from the start")
                .isEmpty();
        assertThat(harness.rows(ITEMS)).as("a fresh destination must have no rows").isEmpty();
    }

    @Test
    void stateIsKeptPerPrefixAndEntity() {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        harness.write(writer, List.of(item("1", "v1")), List.of(), incremental().advancedTo("p1", cursor(1)), T0);

        EntityTable otherEntity = new EntityTable(ITEMS.prefix(), "orders", ITEMS.primaryKey(), ITEMS.dataSource());
        EntityTable otherPrefix = new EntityTable("other", ITEMS.entity(), ITEMS.primaryKey(), ITEMS.dataSource());
        assertThat(destination.readState(otherEntity))
                .as("readState() of entity 'orders' returned the state written for entity 'items' of the same"
                        + " prefix; store state per (prefix, entity)")
                .isEmpty();
        assertThat(destination.readState(otherPrefix))
                .as("readState() of prefix 'other' returned the state written for prefix 'contract'; store state"
                        + " per (prefix, entity)")
                .isEmpty();
        assertThat(harness.rows(otherPrefix)).as("the table of prefix 'other' must not hold rows written with prefix"
                + " 'contract'").isEmpty();
    }

    @Test
    void aTableCarryingTheEntitySchemaIsStoredWhereTheSameTableWithoutItIs() {
        Destination destination = harness.open();
        EntityTable declared = ITEMS.withSchema(EntitySchema.of(SchemaField.string("name"),
                SchemaField.string("version")));
        harness.write(harness.writer(destination, declared, incremental()), List.of(item("1", "v1")), List.of(),
                incremental().advancedTo("p1", cursor(1)), T0);

        assertThat(destination.readState(ITEMS).flatMap(SyncState::position))
                .as("readState() without the schema (SPI 1.1's EntityTable.schema()) must return the state written"
                        + " through a table carrying it: the schema does not take part in where state is stored")
                .contains("p1");
        assertExactly(harness.rows(ITEMS), ITEMS, List.of(item("1", "v1")),
                "after writing through a table carrying the entity's schema and reading without it");
    }

    @Test
    void entitiesWithLongNamesSharingTheirBeginningKeepTablesOfTheirOwn() {
        String common = "entity_with_a_name_long_enough_to_pass_any_identifier_limit_of_the_database_";
        EntityTable first = new EntityTable(ITEMS.prefix(), common + "first", ITEMS.primaryKey(), ITEMS.dataSource());
        EntityTable second = new EntityTable(ITEMS.prefix(), common + "second", ITEMS.primaryKey(),
                ITEMS.dataSource());
        Destination destination = harness.open();
        harness.write(harness.writer(destination, first, incremental()), items("1"), List.of(),
                incremental().advancedTo("first", cursor(1)), T0);
        harness.write(harness.writer(destination, second, incremental()), items("2"), List.of(),
                incremental().advancedTo("second", cursor(1)), T0);
        EntityWriter refresh = harness.writer(destination, first, fullRefresh());
        SyncState refreshed = fullRefresh().advancedTo("refreshed", Optional.empty());
        harness.write(refresh, items("3"), List.of(), refreshed, T0.plusSeconds(60));
        refresh.finish(refreshed.asFinished());

        String when = "after writing entities whose %d-character names differ only in their last word (first: key 1,"
                + " then a full refresh with key 3; second: key 2); when a name is too long for the database,"
                + " shorten it so that it stays unique (e.g. with a hash of the whole name)";
        assertExactly(harness.rows(first), first, items("3"), String.format(when, first.entity().length()));
        assertExactly(harness.rows(second), second, items("2"), String.format(when, first.entity().length()));
        assertThat(destination.readState(second)).as("the state of the second entity")
                .contains(incremental().advancedTo("second", cursor(1)));
    }

    @Test
    void finishStoresTheFinishedStateWithEveryField() throws Exception {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        SyncState written = incremental().advancedTo("p1", cursor(7));
        harness.write(writer, List.of(item("1", "v1")), List.of(), written, T0);
        writer.finish(written.asFinished());

        assertThat(destination.readState(ITEMS))
                .as("after finish(state), readState() must return that state, finished, with its position, since and"
                        + " maxCursor unchanged")
                .contains(written.asFinished());
        harness.close(writer);
        harness.close(destination);
        assertThat(harness.open().readState(ITEMS))
                .as("a new destination instance on the same URL must read the finished state")
                .contains(written.asFinished());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Upsert on the primary key

    @Test
    void upsertKeepsOneRowPerKeyWithTheLatestRecord() {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        Instant second = T0.plusSeconds(60);
        harness.write(writer, items("1", "2", "3"), List.of(), incremental().advancedTo("p1", cursor(1)), T0);
        harness.write(writer, List.of(item("2", "v2"), item("4", "v1")), List.of(),
                incremental().advancedTo("p2", cursor(2)), second);

        List<StoredRow> rows = harness.rows(ITEMS);
        assertExactly(rows, ITEMS, List.of(item("1", "v1"), item("2", "v2"), item("3", "v1"), item("4", "v1")),
                "after writing keys 1, 2, 3 and then 2 (changed) and 4, upserting on the primary key");
        StoredRow first = row(rows, "1");
        assertThat(first.syncedAt()).as("_synced_at of row [1] must be the syncedAt of the batch that wrote it")
                .isEqualTo(T0);
        assertThat(row(rows, "2").syncedAt())
                .as("_synced_at of row [2] must be the syncedAt of the later batch that updated it").isEqualTo(second);
        assertThat(first.dataSource()).as("_data_source must be the EntityTable's dataSource")
                .isEqualTo(ITEMS.dataSource());
        assertThat(first.deletedAt()).as("_deleted_at of a row never deleted must be null").isEmpty();
    }

    @Test
    void theLastRecordOfAKeyWithinOneBatchWins() {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        harness.write(writer, List.of(item("1", "v1"), item("2", "v1"), item("1", "v2")), List.of(),
                incremental().advancedTo("p1", cursor(1)), T0);

        assertExactly(harness.rows(ITEMS), ITEMS, List.of(item("1", "v2"), item("2", "v1")),
                "after one batch holding key 1 twice (sources that page while records change do that), the last"
                        + " record of the key");
    }

    @Test
    void compositePrimaryKeysIdentifyRowsByEveryKeyField() {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, LINES, incremental());
        harness.write(writer, List.of(line("o1", "1", "v1"), line("o1", "2", "v1"), line("o2", "1", "v1")),
                List.of(), incremental().advancedTo("p1", cursor(1)), T0);
        harness.write(writer, List.of(line("o1", "2", "v2")), List.of(), incremental().advancedTo("p2", cursor(2)),
                T0.plusSeconds(60));

        assertExactly(harness.rows(LINES), LINES,
                List.of(line("o1", "1", "v1"), line("o1", "2", "v2"), line("o2", "1", "v1")),
                "with primary key (order_id, line): rows differing in one key field are distinct, and only the row"
                        + " matching every key field is updated");
    }

    @Test
    void primaryKeysCompareExactlyByTheirText() {
        Destination destination = harness.open();
        EntityWriter items = harness.writer(destination, ITEMS, incremental());
        List<Map<String, Object>> distinct = items("a", "A", "a ", "\u00e9", "e\u0301");
        harness.write(items, distinct, List.of(), incremental().advancedTo("p1", cursor(1)), T0);
        EntityWriter lines = harness.writer(destination, LINES, incremental());
        List<Map<String, Object>> split = List.of(line("x|y", "z", "v1"), line("x", "y|z", "v1"),
                line("x,y", "z", "v1"), line("x", "y,z", "v1"));
        harness.write(lines, split, List.of(), incremental().advancedTo("p1", cursor(1)), T0);

        assertExactly(harness.rows(ITEMS), ITEMS, distinct,
                "after writing keys 'a', 'A', 'a ' and two spellings of \u00e9, which differ as text (compare keys"
                        + " case- and accent-sensitively, without trimming)");
        assertExactly(harness.rows(LINES), LINES, split,
                "after writing composite keys that join to the same text with '|' or ',' (compare every key field on"
                        + " its own, not a joined string)");
    }

    @Test
    void aLargeBatchIsWrittenWhole() {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            records.add(item(Integer.toString(i), "v1"));
        }
        for (int i = 0; i < 500; i++) {
            records.add(item(Integer.toString(i * 5), "v2"));
        }
        harness.write(writer, records, List.of(), incremental().advancedTo("p1", cursor(1)), T0);

        List<Map<String, Object>> expected = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            expected.add(item(Integer.toString(i), i % 5 == 0 ? "v2" : "v1"));
        }
        assertExactly(harness.rows(ITEMS), ITEMS, expected,
                "after one batch of 3,000 records over 2,500 keys, 500 of them sent twice far apart (split a batch"
                        + " over several statements if needed, keeping the last record of each key)");
    }

    @Test
    void anIncrementalRunAfterAFullRefreshUpsertsIntoTheRefreshedTable() {
        Destination destination = harness.open();
        harness.refresh(destination, items("1", "2"), T0);
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        harness.write(writer, List.of(item("2", "v2"), item("3", "v1")), List.of(Map.of("id", "1")),
                incremental().advancedTo("p1", cursor(1)), T0.plusSeconds(60));

        List<StoredRow> rows = harness.rows(ITEMS);
        assertExactly(rows, ITEMS, List.of(item("1", "v1"), item("2", "v2"), item("3", "v1")),
                "after a full refresh of keys 1 and 2, then an incremental batch changing 2, adding 3 and deleting 1"
                        + " (the swapped-in table must keep its primary key)");
        assertThat(row(rows, "1").deletedAt()).as("_deleted_at of row [1], deleted by the incremental run")
                .contains(T0.plusSeconds(60));
    }

    // ---------------------------------------------------------------------------------------------------------
    // State committed with the rows; resume

    @Test
    void aWrittenBatchIsCommittedWithItsStateBeforeFinish() {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        SyncState state = incremental().advancedTo("p1", cursor(1));
        harness.write(writer, items("1", "2"), List.of(), state, T0);

        Destination other = harness.open();
        assertThat(other.readState(ITEMS))
                .as("once write() returns, another destination instance must read the batch's state (the writer is"
                        + " still open, the run not finished); commit rows and state in write(), not later")
                .contains(state);
        assertExactly(harness.rows(ITEMS), ITEMS, items("1", "2"),
                "once write() returns and while the writer stays open, another connection");
    }

    @Test
    void aWriterClosedWithoutFinishKeepsEveryWrittenBatchAndItsState() throws Exception {
        Destination destination = harness.open();
        EntityWriter writer = harness.writer(destination, ITEMS, incremental());
        harness.write(writer, items("1", "2"), List.of(), incremental().advancedTo("p1", cursor(1)), T0);
        SyncState last = incremental().advancedTo("p2", cursor(2));
        harness.write(writer, items("3"), List.of(), last, T0.plusSeconds(60));
        harness.close(writer);
        harness.close(destination);

        assertThat(harness.open().readState(ITEMS))
                .as("after two batches and close() without finish (a crashed run), a new destination instance must"
                        + " read the last batch's state, unfinished, so that the next run resumes")
                .contains(last);
        assertExactly(harness.rows(ITEMS), ITEMS, items("1", "2", "3"),
                "after a run closed without finish, exactly the rows of its written batches");
    }

    @Test
    void resumingFromTheStoredStateContinuesWithoutDuplicatesOrGaps() throws Exception {
        Destination crashed = harness.open();
        EntityWriter first = harness.writer(crashed, ITEMS, incremental());
        harness.write(first, items("1", "2"), List.of(), incremental().advancedTo("p1", cursor(1)), T0);
        harness.write(first, items("3", "4"), List.of(), incremental().advancedTo("p2", cursor(2)),
                T0.plusSeconds(60));
        harness.close(first);
        harness.close(crashed);

        Destination destination = harness.open();
        SyncState stored = destination.readState(ITEMS).orElseThrow(() -> new AssertionError(
                "readState() is empty after two committed batches; store the state in write()"));
        EntityWriter resumed = harness.writer(destination, ITEMS, stored);
        // A source resumed from p2 may send the last records again; the upsert absorbs them.
        SyncState next = stored.advancedTo("p3", cursor(3));
        harness.write(resumed, List.of(item("4", "v1"), item("5", "v1"), item("6", "v1")), List.of(), next,
                T0.plusSeconds(120));
        resumed.finish(next.asFinished());

        assertExactly(harness.rows(ITEMS), ITEMS, items("1", "2", "3", "4", "5", "6"),
                "after a run of two batches, a crash, and a run resumed from the stored state that re-sent key 4");
        assertThat(destination.readState(ITEMS)).as("the resumed run's finished state")
                .contains(next.asFinished());
    }

    @Test
    void aResumedFullRefreshKeepsTheRowsItsStagingTableAlreadyHas() throws Exception {
        refreshChecks.aResumedFullRefreshKeepsTheRowsItsStagingTableAlreadyHas();
    }

    @Test
    void writeMergingStateMergesUnderTheLockOfTheStoredState() throws Exception {
        stateMergeChecks.writeMergingStateMergesUnderTheLockOfTheStoredState();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Full refresh

    @Test
    void aFullRefreshKeepsTheOldRowsVisibleUntilFinishThenHoldsExactlyTheNewRows() {
        refreshChecks.aFullRefreshKeepsTheOldRowsVisibleUntilFinishThenHoldsExactlyTheNewRows();
    }

    @Test
    void anUnfinishedFullRefreshLeavesTheOldRowsIntactAndANewOneStartsEmpty() throws Exception {
        refreshChecks.anUnfinishedFullRefreshLeavesTheOldRowsIntactAndANewOneStartsEmpty();
    }

    @Test
    void aFullRefreshWithoutRecordsLeavesAnEmptyTable() {
        refreshChecks.aFullRefreshWithoutRecordsLeavesAnEmptyTable();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Deletions

    @Test
    void aDeletionMarksTheRowDeletedAndKeepsIt() {
        deletionChecks.aDeletionMarksTheRowDeletedAndKeepsIt();
    }

    @Test
    void aDeletedKeySentAgainIsLiveAgain() {
        deletionChecks.aDeletedKeySentAgainIsLiveAgain();
    }

    @Test
    void deletionsApplyAfterTheRecordsOfTheSameBatch() {
        deletionChecks.deletionsApplyAfterTheRecordsOfTheSameBatch();
    }

    @Test
    void deletingAKeyThatWasNeverWrittenAddsNoRow() {
        deletionChecks.deletingAKeyThatWasNeverWrittenAddsNoRow();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Describe and credentials

    @Test
    void describeNamesTheDestination() {
        assertThat(harness.open().describe())
                .as("describe() is blank; say where data goes (without credentials), it is printed with every sync")
                .isNotBlank();
    }

    @Test
    void credentialsInTheUrlNeverAppearInDescribeOrMessages() {
        List<String> urls = urlsWithPassword(PASSWORD);
        assumeTrue(!urls.isEmpty(), "urlsWithPassword() is empty: the URL form has no credentials");
        for (String url : urls) {
            assertThat(url).as("urlsWithPassword(password) returned a URL without the password").contains(PASSWORD);
            List<String> shown = new ArrayList<>();
            try {
                Destination destination = harness.open(url);
                shown.add("describe(): " + destination.describe());
                shown.add("toString(): " + destination);
                destination.readState(ITEMS);
            } catch (RuntimeException e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    shown.add(cause.getClass().getSimpleName() + ": " + cause.getMessage());
                }
            }
            List<String> leaks = shown.stream().filter(text -> text.contains(PASSWORD))
                    .map(text -> text.replace(PASSWORD, "<password>")).toList();
            assertThat(leaks).as("the password of a destination URL appears in %s; name the destination without its"
                    + " credentials", leaks).isEmpty();
        }
    }
}
