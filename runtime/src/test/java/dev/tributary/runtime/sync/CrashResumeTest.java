package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.config.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a child JVM with SIGKILL in the middle of a sync, at several points, then re-runs the sync: the table must
 * hold exactly the source's records, each written once by the two runs together.
 */
class CrashResumeTest {

    private static final int RECORDS = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path directory;

    /** Generation 1: items 1..1500. Generation 2: 300 more, and the first 100 changed later. */
    static ItemSource source(int generation) {
        ItemSource source = ItemSource.of(generation == 1 ? RECORDS : RECORDS + 300);
        if (generation == 2) {
            for (int id = 1; id <= 100; id++) {
                source.put(id, 5000 + id, "changed " + id);
            }
        }
        return source;
    }

    /** The last column: records per transaction the destination asks for (0: one batch per transaction). */
    @ParameterizedTest(name = "{0}, generation {1}, killed after {2} commits, merging up to {3} records")
    @CsvSource({
        "sqlite, 1, 1, 0", "sqlite, 1, 9, 0", "sqlite, 1, 57, 0", "sqlite, 2, 3, 0", "sqlite, 2, 40, 0",
        "postgresql, 1, 2, 0", "postgresql, 1, 33, 0", "postgresql, 2, 11, 0",
        "sqlite, 1, 1, 50", "sqlite, 1, 2, 50", "sqlite, 1, 7, 50", "sqlite, 2, 2, 50", "postgresql, 1, 2, 50"
    })
    void killedSyncResumesToExactlyTheSourceRecords(String database, int generation, int killAfter,
            int recordsPerTransaction) throws Exception {
        String schema = "crash_" + generation + "_" + killAfter + "_" + recordsPerTransaction;
        SyncHarness harness = database.equals("sqlite") ? Databases.sqlite(directory)
                : POSTGRES.harness(schema);
        if (generation == 2) {
            SyncResult first = harness.sync(new ItemsConnector(source(1), ItemSource.of(0)), request(),
                    SyncListener.NONE, new CancelHandle());
            assertThat(first.succeeded()).isTrue();
        }

        int commitLines = runChildAndKill(harness.url, generation, killAfter, recordsPerTransaction);
        assertThat(commitLines).isEqualTo(killAfter);
        long committedByChild = generation == 1 ? Long.parseLong(harness.query(
                "SELECT count(*), 0 FROM src_items__staging").keySet().iterator().next()) : -1;
        ItemsConnector rerun = new ItemsConnector(source(generation), ItemSource.of(0));
        SyncResult resumed = harness.sync(rerun, request(), SyncListener.NONE, new CancelHandle());

        assertThat(resumed.succeeded()).isTrue();
        assertThat(rerun.calls("items").get(0).resumeState()).isPresent();
        Map<String, String> rows = harness.records("src_items");
        Map<Integer, Map<String, Object>> expected = source(generation).snapshot();
        assertThat(rows).hasSize(expected.size());
        for (Map.Entry<Integer, Map<String, Object>> record : expected.entrySet()) {
            assertThat(JSON.readTree(rows.get(String.valueOf(record.getKey()))))
                    .isEqualTo(JSON.readTree(JSON.writeValueAsString(record.getValue())));
        }
        if (generation == 1) {
            // Exactly once: what the killed run committed plus what the resumed run fetched is the source.
            assertThat(committedByChild).isGreaterThanOrEqualTo(killAfter * 5L);
            if (recordsPerTransaction > 0 && killAfter >= 2) {
                // The second commit was a merged one of a full queue: all its rows, with its last batch's state.
                assertThat(committedByChild).isGreaterThanOrEqualTo(5L + recordsPerTransaction);
            }
            assertThat(committedByChild + resumed.entity("items").records()).isEqualTo(RECORDS);
        }
    }

    private static SyncRequest request() {
        return new SyncRequest("src", "src", List.of("items"), false,
                Settings.DEFAULTS.withBatchSize(5).withRequestsPerSecond(1_000_000).withBurst(1000));
    }

    /** Starts the child, kills it with SIGKILL after {@code killAfter} commit lines, returns the commits seen. */
    private int runChildAndKill(String url, int generation, int killAfter, int recordsPerTransaction)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), url, String.valueOf(generation), String.valueOf(recordsPerTransaction))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int commits = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    commits++;
                    if (commits == killAfter) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        return commits;
    }
}
