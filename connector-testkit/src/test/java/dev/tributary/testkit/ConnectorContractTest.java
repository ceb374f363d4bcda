package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tributary.spi.BaseConnector;
import dev.tributary.testkit.examples.HttpItemsConnector;
import dev.tributary.testkit.examples.ItemsApi;
import dev.tributary.testkit.examples.ListConnector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Runs {@link ConnectorContract} through the JUnit Platform against example connectors: correct ones pass every
 * check, and each deliberately broken one fails the check written for its fault, with a message that says what to
 * fix. The contracts are nested classes, which Surefire does not run on their own.
 */
class ConnectorContractTest {

    /** Checks per connector with one incremental entity: 15 tests plus 10 factories of one dynamic test each. */
    private static final int CHECKS = 25;

    @Test
    void aCorrectInMemoryConnectorPassesEveryCheck() {
        assertPassesEveryCheck(CorrectList.class);
    }

    @Test
    void aCorrectHttpConnectorAgainstTheFakeServerPassesEveryCheck() {
        assertPassesEveryCheck(HttpItemsContract.class);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(NonSemanticVersionList.class, "versionIsASemanticVersion", "'1.0' is not a semantic"),
                Arguments.of(UnmarkedSecretList.class, "secretLookingConfigFieldsAreMarkedSecret",
                        "[api_key] look like credentials but are not marked secret"),
                Arguments.of(MalformedIconList.class, "iconIsAWellFormedSvg", "icon 'broken.svg' is not well-formed"),
                Arguments.of(OversizedBatchesList.class, "batchesNeverExceedTheBatchSize",
                        "batch of 4 items for entity 'items' exceeds the batch size 3"),
                Arguments.of(GapOnResumeList.class, "resumingFromEachStateYieldsExactlyTheRemainingRecords",
                        "1 missing (a gap): item_4"),
                Arguments.of(DuplicateOnResumeList.class, "resumingFromEachStateYieldsExactlyTheRemainingRecords",
                        "1 duplicated (delivered twice, or already before the resume point): item_3"),
                Arguments.of(MissingPrimaryKeyList.class, "everyRecordHasItsPrimaryKey",
                        "a record lacks primary-key field(s) [id]"),
                Arguments.of(BlankStateList.class, "everyBatchCarriesAResumeState",
                        "batch 1 of 4 has a blank resume state"),
                Arguments.of(IgnoresSinceList.class, "sinceReturnsOnlyRecordsAtOrAfterIt",
                        "returned records whose updated is earlier"),
                Arguments.of(IgnoresSinceList.class, "aFarFutureSinceReturnsNothing",
                        "a run with since 2999-01-01T00:00:00Z returned 10 records"),
                Arguments.of(IgnoresCancellationList.class, "cancellationStopsTheFetchBeforeAnotherRequest",
                        "1 request(s) went through the rate limiter after the sync was cancelled"),
                Arguments.of(ClearsInterruptList.class, "anInterruptStopsTheFetchAndStaysSet",
                        "the thread's interrupt flag was cleared"),
                Arguments.of(LeaksThreadList.class, "closeLeavesNoThreadsRunning", "'list-connector-poller'"),
                Arguments.of(ThrowsOnBadCredentialsList.class, "testConnectionReportsBadCredentialsAsAFailedResult",
                        "testConnection() threw dev.tributary.spi.error.AuthenticationException"),
                Arguments.of(BypassesRateLimiterList.class, "fetchesGoThroughTheRateLimiter",
                        "without calling options.rateLimiter().acquire()"),
                Arguments.of(RandomValuesList.class, "aSecondFullRunGivesTheSameRecords",
                        "record [item_1] differs in field(s) [etag]"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("faults")
    void eachFaultFailsItsCheckWithAMessageSayingWhatToFix(Class<?> contract, String check, String message) {
        EngineExecutionResults results = run(contract);

        List<Event> failures = results.testEvents().failed().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().contains(":" + check + "()]"))
                .toList();
        assertThat(failures).as("failed events of check %s", check).isNotEmpty();
        assertThat(failures).allSatisfy(event -> assertThat(messageOf(event)).contains(message));
    }

    @Test
    void checksWithNothingToObserveAreSkippedWithAReasonRatherThanPassed() {
        EngineExecutionResults results = run(CorrectListWithoutBadCredentials.class);

        results.testEvents().assertStatistics(stats -> stats.failed(0).aborted(1).succeeded(CHECKS - 1));
        assertThat(results.testEvents().aborted().stream().map(ConnectorContractTest::messageOf))
                .containsExactly("Assumption failed: badCredentialsConfig() is empty: no credentials to get wrong");
    }

    private static void assertPassesEveryCheck(Class<?> contract) {
        EngineExecutionResults results = run(contract);
        List<String> failures = results.allEvents().failed().stream()
                .map(event -> event.getTestDescriptor().getDisplayName() + ": " + messageOf(event)).toList();
        assertThat(failures).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.succeeded(CHECKS).aborted(0));
    }

    private static EngineExecutionResults run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute();
    }

    private static String messageOf(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    // The example contracts. Each is what a connector author writes.

    abstract static class ListContract extends ConnectorContract {
        @Override
        protected Map<String, Object> config() {
            return Map.of("api_key", ListConnector.GOOD_KEY);
        }

        @Override
        protected Optional<Map<String, Object>> badCredentialsConfig() {
            return Optional.of(Map.of("api_key", "wrong-key-5678"));
        }
    }

    static class CorrectList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector();
        }
    }

    static class CorrectListWithoutBadCredentials extends CorrectList {
        @Override
        protected Optional<Map<String, Object>> badCredentialsConfig() {
            return Optional.empty();
        }
    }

    static class HttpItemsContract extends ConnectorContract {
        private FakeHttpServer server;

        @Override
        protected void startFakeServer() {
            server = FakeHttpServer.start().dispatch(new ItemsApi("sk_good_1234", 11));
        }

        @Override
        protected void stopFakeServer() {
            server.close();
        }

        @Override
        protected BaseConnector newConnector() {
            return new HttpItemsConnector();
        }

        @Override
        protected Map<String, Object> config() {
            return Map.of("base_url", server.url("/").toString(), "api_key", "sk_good_1234");
        }

        @Override
        protected Optional<Map<String, Object>> badCredentialsConfig() {
            return Optional.of(Map.of("base_url", server.url("/").toString(), "api_key", "sk_wrong_9876"));
        }
    }

    static class NonSemanticVersionList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.NonSemanticVersion();
        }
    }

    static class UnmarkedSecretList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.UnmarkedSecret();
        }
    }

    static class MalformedIconList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.MalformedIcon();
        }
    }

    static class OversizedBatchesList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.OversizedBatches();
        }
    }

    static class GapOnResumeList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.GapOnResume();
        }
    }

    static class DuplicateOnResumeList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.DuplicateOnResume();
        }
    }

    static class MissingPrimaryKeyList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.MissingPrimaryKey();
        }
    }

    static class BlankStateList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.BlankState();
        }
    }

    static class IgnoresSinceList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.IgnoresSince();
        }
    }

    static class IgnoresCancellationList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.IgnoresCancellation();
        }
    }

    static class ClearsInterruptList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.ClearsInterrupt();
        }
    }

    static class LeaksThreadList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.LeaksThread();
        }

        @Override
        protected Duration cancellationBound() {
            return Duration.ofMillis(200);
        }
    }

    static class ThrowsOnBadCredentialsList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.ThrowsOnBadCredentials();
        }
    }

    static class BypassesRateLimiterList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.BypassesRateLimiter();
        }
    }

    static class RandomValuesList extends ListContract {
        @Override
        protected BaseConnector newConnector() {
            return new ListConnector.RandomValues();
        }
    }
}
