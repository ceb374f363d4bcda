package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.testkit.examples.MemoryDestinationProvider;
import dev.tributary.testkit.examples.MemoryDestinationProvider.Fault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs {@link DestinationContract} through the JUnit Platform against an in-memory example destination: the correct
 * one passes every check, and each deliberately broken one fails the check written for its fault, with a message that
 * says what broke. The contracts are nested classes, which Surefire does not run on their own.
 */
class DestinationContractTest {

    private static final int CHECKS = 25;

    @Test
    void aCorrectDestinationPassesEveryCheck() {
        EngineExecutionResults results = run(Correct.class);

        List<String> failures = results.allEvents().failed().stream()
                .map(event -> event.getTestDescriptor().getDisplayName() + ": " + messageOf(event)).toList();
        assertThat(failures).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.succeeded(CHECKS).aborted(0));
    }

    @Test
    void aCorrectTypedDestinationGetsTypedBatchesAndPassesEveryCheck() {
        EngineExecutionResults results = run(CorrectTyped.class);

        List<String> failures = results.allEvents().failed().stream()
                .map(event -> event.getTestDescriptor().getDisplayName() + ": " + messageOf(event)).toList();
        assertThat(failures).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.succeeded(CHECKS).aborted(0));
    }

    @Test
    void theCredentialCheckIsSkippedWithAReasonWhenTheUrlFormHasNoCredentials() {
        EngineExecutionResults results = run(WithoutCredentials.class);

        results.testEvents().assertStatistics(stats -> stats.failed(0).aborted(1).succeeded(CHECKS - 1));
        assertThat(results.testEvents().aborted().stream().map(DestinationContractTest::messageOf))
                .containsExactly("Assumption failed: urlsWithPassword() is empty: the URL form has no credentials");
    }

    @Test
    void theStateMergeCheckIsSkippedWithAReasonForADestinationWithoutIt() {
        EngineExecutionResults results = run(WithoutStateMerge.class);

        results.testEvents().assertStatistics(stats -> stats.failed(0).aborted(1).succeeded(CHECKS - 1));
        assertThat(results.testEvents().aborted().stream().map(DestinationContractTest::messageOf))
                .singleElement().asString().startsWith("Assumption failed: writeMergingState is not implemented"
                        + " (a destination built against SPI 1.0)");
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Appends.class, "upsertKeepsOneRowPerKeyWithTheLatestRecord",
                        "1 key(s) stored in more than one row (upsert on the primary key): [2]"),
                Arguments.of(Appends.class, "compositePrimaryKeysIdentifyRowsByEveryKeyField",
                        "stored in more than one row (upsert on the primary key): [o1, 2]"),
                Arguments.of(JoinsKeys.class, "primaryKeysCompareExactlyByTheirText",
                        "compare every key field on its own, not a joined string): the table of 'lines' must hold"
                                + " exactly 4 record(s), but 1 missing: [x, y|z]"),
                Arguments.of(Appends.class, "aLargeBatchIsWrittenWhole",
                        "500 key(s) stored in more than one row (upsert on the primary key): [0], [5], [10], [15],"
                                + " [20], ... (found 3000 rows)"),
                Arguments.of(CutsLongNames.class, "entitiesWithLongNamesSharingTheirBeginningKeepTablesOfTheirOwn",
                        "shorten it so that it stays unique (e.g. with a hash of the whole name): the table of"
                                + " 'entity_with_a_name_long_enough_to_pass_any_identifier_limit_of_the_database_"
                                + "second' must hold exactly 1 record(s), but 1 missing: [2]; 1 unexpected: [3]"),
                Arguments.of(FirstInBatchWins.class, "theLastRecordOfAKeyWithinOneBatchWins",
                        "1 with another _record: [1] holds {id=1, name=item 1, version=v1} instead of"
                                + " {id=1, name=item 1, version=v2}"),
                Arguments.of(StateOnFinishOnly.class, "aWrittenBatchIsCommittedWithItsStateBeforeFinish",
                        "commit rows and state in write(), not later"),
                Arguments.of(StateOnFinishOnly.class, "aWriterClosedWithoutFinishKeepsEveryWrittenBatchAndItsState",
                        "must read the last batch's state, unfinished"),
                Arguments.of(StateOnFinishOnly.class, "resumingFromTheStoredStateContinuesWithoutDuplicatesOrGaps",
                        "readState() is empty after two committed batches"),
                Arguments.of(RefreshesInPlace.class,
                        "aFullRefreshKeepsTheOldRowsVisibleUntilFinishThenHoldsExactlyTheNewRows",
                        "the previous generation, unchanged (write into a staging table)"),
                Arguments.of(RefreshesInPlace.class,
                        "anUnfinishedFullRefreshLeavesTheOldRowsIntactAndANewOneStartsEmpty", "1 unexpected: [3]"),
                Arguments.of(RefreshesInPlace.class, "aFullRefreshWithoutRecordsLeavesAnEmptyTable",
                        "2 unexpected: [1], [2]"),
                Arguments.of(DropsStagingOnResume.class, "aResumedFullRefreshKeepsTheRowsItsStagingTableAlreadyHas",
                        "2 missing: [1], [2]"),
                Arguments.of(HardDeletes.class, "aDeletionMarksTheRowDeletedAndKeepsIt", "1 missing: [2]"),
                Arguments.of(HardDeletes.class, "deletionsApplyAfterTheRecordsOfTheSameBatch", "1 missing: [2]"),
                Arguments.of(KeepsDeletion.class, "aDeletedKeySentAgainIsLiveAgain",
                        "_deleted_at of row [2] must be null again"),
                Arguments.of(DescribesThePassword.class, "credentialsInTheUrlNeverAppearInDescribeOrMessages",
                        "[describe(): memory destination memory:secured?password=<password>]"),
                Arguments.of(KeysBySchema.class, "aTableCarryingTheEntitySchemaIsStoredWhereTheSameTableWithoutItIs",
                        "the schema does not take part in where state is stored"),
                Arguments.of(MergesOutsideTheLock.class, "writeMergingStateMergesUnderTheLockOfTheStoredState",
                        "called its own merge function: lock the state row before reading it"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("faults")
    void eachFaultFailsItsCheckWithAMessageSayingWhatBroke(Class<?> contract, String check, String message) {
        EngineExecutionResults results = run(contract);

        List<Event> failures = results.testEvents().failed().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().contains(":" + check + "()]"))
                .toList();
        assertThat(failures).as("failed events of check %s", check).isNotEmpty();
        assertThat(failures).allSatisfy(event -> assertThat(messageOf(event)).contains(message));
    }

    private static EngineExecutionResults run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute();
    }

    private static String messageOf(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    // The example contracts. Each is what a destination author writes.

    abstract static class MemoryContract extends DestinationContract {
        private final MemoryDestinationProvider provider = new MemoryDestinationProvider(fault(), typed());

        abstract Fault fault();

        boolean typed() {
            return false;
        }

        @Override
        protected DestinationProvider provider() {
            return provider;
        }

        @Override
        protected String destinationUrl(Path directory) {
            return "memory:" + directory.getFileName();
        }

        @Override
        protected List<Map<String, Object>> readRows(String url, EntityTable table) {
            return provider.rows(url, table);
        }

        @Override
        protected List<String> urlsWithPassword(String password) {
            return List.of("memory:secured?password=" + password);
        }
    }

    static class Correct extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.NONE;
        }
    }

    static class CorrectTyped extends Correct {
        @Override
        boolean typed() {
            return true;
        }
    }

    static class WithoutCredentials extends Correct {
        @Override
        protected List<String> urlsWithPassword(String password) {
            return List.of();
        }
    }

    static class Appends extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.APPENDS;
        }
    }

    static class JoinsKeys extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.JOINS_KEYS;
        }
    }

    static class CutsLongNames extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.CUTS_LONG_NAMES;
        }
    }

    static class KeysBySchema extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.KEYS_BY_SCHEMA;
        }
    }

    static class FirstInBatchWins extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.FIRST_IN_BATCH_WINS;
        }
    }

    static class StateOnFinishOnly extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.STATE_ON_FINISH_ONLY;
        }
    }

    static class RefreshesInPlace extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.REFRESHES_IN_PLACE;
        }
    }

    static class DropsStagingOnResume extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.DROPS_STAGING_ON_RESUME;
        }
    }

    static class HardDeletes extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.HARD_DELETES;
        }
    }

    static class KeepsDeletion extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.KEEPS_DELETION;
        }
    }

    static class DescribesThePassword extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.DESCRIBES_THE_PASSWORD;
        }
    }

    static class MergesOutsideTheLock extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.MERGES_OUTSIDE_THE_LOCK;
        }
    }

    static class WithoutStateMerge extends MemoryContract {
        @Override
        Fault fault() {
            return Fault.WITHOUT_STATE_MERGE;
        }
    }
}
