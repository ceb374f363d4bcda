package dev.tributary.connector.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.Batch;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.ConnectorException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CloseResumeTest {

    private static final long NO_CAP = Long.MAX_VALUE;

    private FakeCloseServer server;
    private CloseSession session;

    @BeforeEach
    void start() throws IOException {
        server = CloseData.install(new FakeCloseServer());
        session = new CloseSession(server);
    }

    @AfterEach
    void stop() {
        session.close();
        server.close();
    }

    static Stream<Arguments> listings() {
        return Stream.of(
                Arguments.of("leads", 3, NO_CAP),
                Arguments.of("leads", 2, 4L),
                Arguments.of("opportunities", 2, 4L),
                Arguments.of("activities", 2, NO_CAP),
                Arguments.of("activities", 3, 4L),
                Arguments.of("contacts", 2, NO_CAP),
                Arguments.of("users", 1, NO_CAP),
                Arguments.of("custom_fields", 2, NO_CAP));
    }

    private static List<Map<String, Object>> recordsUpTo(List<Batch> batches, int last) {
        List<Map<String, Object>> records = new ArrayList<>();
        batches.subList(0, last + 1).forEach(batch -> records.addAll(batch.records()));
        return records;
    }

    private static List<String> ids(List<Map<String, Object>> records) {
        return records.stream().map(record -> record.get("id") + "/" + record.get("_custom_field_kind")).toList();
    }

    @ParameterizedTest(name = "{0} batch {1} max_skip {2}")
    @MethodSource("listings")
    void resumingFromEveryStateDeliversExactlyTheRest(String entity, int batchSize, long maxSkip) {
        server.maxSkip(maxSkip);
        BatchRecorder full = session.fetch(entity, batchSize);
        assertThat(full.batches()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ids(full.records())).doesNotHaveDuplicates();

        for (int i = 0; i < full.batches().size(); i++) {
            BatchRecorder resumed = new BatchRecorder();
            session.connector.fetchEntity(session.options(entity, resumed).batchSize(batchSize)
                    .resumeState(full.states().get(i)).build());

            List<Map<String, Object>> combined = recordsUpTo(full.batches(), i);
            combined.addAll(resumed.records());
            assertThat(combined).as("resuming from state %d of %s", i, entity).isEqualTo(full.records());
        }
    }

    @ParameterizedTest(name = "{0} batch {1} max_skip {2}")
    @MethodSource("listings")
    void runtimeStyleRetriesFromLastStateSurviveFailuresEveryFewRequests(String entity, int batchSize,
            long maxSkip) {
        server.maxSkip(maxSkip);
        List<Map<String, Object>> expected = session.fetch(entity, batchSize).records();
        AtomicInteger seen = new AtomicInteger();
        MockResponse[] failures = {
            new MockResponse.Builder().code(503).build(),
            FakeCloseServer.json(429, CloseFixtures.error("429_legacy_json_body")),
            new MockResponse.Builder().code(200).body("{\"has_more\": true, \"data\": [").build(),
        };
        for (MockResponse failure : failures) {
            server.fail(request -> seen.incrementAndGet() % 4 == 2, 2, failure);
        }

        BatchRecorder recorder = new BatchRecorder();
        int failuresSeen = 0;
        while (true) {
            FetchOptions.Builder options = session.options(entity, recorder).batchSize(batchSize);
            if (!recorder.batches().isEmpty()) {
                options.resumeState(recorder.lastState());
            }
            try {
                session.connector.fetchEntity(options.build());
                break;
            } catch (TransientException | RateLimitedException e) {
                assertThat(((ConnectorException) e).isRetryable()).isTrue();
                failuresSeen++;
                assertThat(failuresSeen).as("retries").isLessThan(20);
            }
        }

        assertThat(failuresSeen).isPositive();
        assertThat(recorder.records()).isEqualTo(expected);
    }
}
