package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
    private static EmbeddedPostgres server;

    @TempDir
    Path directory;

    @BeforeAll
    static void startServer() {
        server = Databases.startPostgres();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

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

    @ParameterizedTest(name = "{0}, generation {1}, killed after {2} commits")
    @CsvSource({
        "sqlite, 1, 1", "sqlite, 1, 9", "sqlite, 1, 57", "sqlite, 2, 3", "sqlite, 2, 40",
        "postgresql, 1, 2", "postgresql, 1, 33", "postgresql, 2, 11"
    })
    void killedSyncResumesToExactlyTheSourceRecords(String database, int generation, int killAfter)
            throws Exception {
        String schema = "crash_" + generation + "_" + killAfter;
        SyncHarness harness = database.equals("sqlite") ? Databases.sqlite(directory)
                : Databases.postgres(server, schema);
        if (generation == 2) {
            SyncResult first = harness.sync(new ItemsConnector(source(1), ItemSource.of(0)), request(),
                    SyncListener.NONE, new CancelHandle());
            assertThat(first.succeeded()).isTrue();
        }

        int commitLines = runChildAndKill(harness.url, generation, killAfter);
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
            assertThat(committedByChild + resumed.entity("items").records()).isEqualTo(RECORDS);
        }
    }

    private static SyncRequest request() {
        return new SyncRequest("src", "src", List.of("items"), false,
                Settings.DEFAULTS.withBatchSize(5).withRequestsPerSecond(1_000_000).withBurst(1000));
    }

    /** Starts the child, kills it with SIGKILL after {@code killAfter} commit lines, returns the commits seen. */
    private int runChildAndKill(String url, int generation, int killAfter) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), url, String.valueOf(generation))
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
