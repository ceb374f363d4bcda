package dev.tributary.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.runtime.sync.SyncResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kill -9 of a process in the middle of a sync into DuckDB with the runtime's engine (typed columns, a flattened
 * object, a child table, merged batches), then a re-run: the tables hold exactly the source's records and child
 * rows, each key once, no staging table is left, and for a first (full-refresh) sync what the killed run committed
 * plus what the re-run fetched is the source, each record once. Generation 2 is an incremental sync after a complete
 * first one, changing 100 records (their second child row goes) and adding 300.
 */
class DuckDbSyncCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Process child;

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    private Path file() {
        return temp.resolve("shop.duckdb");
    }

    @ParameterizedTest(name = "generation {0}, killed after {1} commits")
    @CsvSource({"1, 1", "1, 6", "1, 40", "2, 2", "2, 15"})
    void aSyncKilledMidwayResumesToExactlyTheSourceRecords(int generation, int killAfter) throws Exception {
        if (generation == 2) {
            assertThat(CrashSync.run(new CrashItems(1), file(), SyncListener.NONE).succeeded()).isTrue();
        }
        assertThat(runChildAndKill(generation, killAfter)).as("commits seen before the kill (child errors:"
                + " child-err.txt)").isEqualTo(killAfter);
        long committedByChild = generation == 1
                ? Long.parseLong(DuckDbFiles.query(file(), "SELECT count(*) FROM src_items__staging").get(0)) : -1;

        CrashItems rerun = new CrashItems(generation);
        SyncResult resumed = CrashSync.run(rerun, file(), SyncListener.NONE);

        assertThat(resumed.succeeded()).as(resumed.toString()).isTrue();
        assertThat(rerun.calls().get(0).resumeState()).as("the re-run resumes the killed one").isPresent();
        Map<Integer, Map<String, Object>> source = rerun.snapshot();
        assertExactly(source);
        if (generation == 1) {
            assertThat(committedByChild).isGreaterThanOrEqualTo(killAfter * 5L);
            assertThat(committedByChild + resumed.entity("items").records()).isEqualTo(CrashItems.RECORDS);
        }
    }

    private void assertExactly(Map<Integer, Map<String, Object>> source) throws Exception {
        List<String> expectedRows = new ArrayList<>();
        List<String> expectedLines = new ArrayList<>();
        for (Map<String, Object> item : source.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> address = (Map<String, Object>) item.get("address");
            expectedRows.add(item.get("id") + "|" + item.get("name") + "|" + item.get("amount") + "|"
                    + address.get("city") + "|" + address.get("zip") + "|null");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lines = (List<Map<String, Object>>) item.get("lines");
            for (int position = 0; position < lines.size(); position++) {
                expectedLines.add(item.get("id") + "|" + position + "|" + lines.get(position).get("sku") + "|"
                        + lines.get(position).get("qty"));
            }
        }
        assertThat(DuckDbFiles.query(file(), "SELECT id, name, amount, address__city, address__zip, _deleted_at"
                + " FROM src_items ORDER BY CAST(id AS INTEGER)")).containsExactlyElementsOf(expectedRows);
        assertThat(DuckDbFiles.query(file(), "SELECT _parent_id, _position, sku, qty FROM src_items__lines"
                + " ORDER BY CAST(_parent_id AS INTEGER), _position")).containsExactlyElementsOf(expectedLines);
        List<String> records = DuckDbFiles.query(file(), "SELECT _record FROM src_items ORDER BY CAST(id AS"
                + " INTEGER)");
        List<JsonNode> expectedRecords = new ArrayList<>();
        for (Map<String, Object> item : source.values()) {
            expectedRecords.add(JSON.readTree(JSON.writeValueAsString(item)));
        }
        assertThat(records.stream().map(DuckDbSyncCrashTest::tree).toList())
                .containsExactlyElementsOf(expectedRecords);
        assertThat(DuckDbFiles.query(file(), "SELECT table_name FROM information_schema.tables WHERE table_name"
                + " LIKE '%stag%' OR table_name LIKE '%__stg'")).as("staging tables left").isEmpty();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    /** Starts the child, kills it with SIGKILL after {@code killAfter} commit lines, returns the commits seen. */
    private int runChildAndKill(int generation, int killAfter) throws Exception {
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                SyncCrashChild.class.getName(), file().toString(), String.valueOf(generation))
                .redirectError(temp.resolve("child-err.txt").toFile()).start();
        int commits = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("committed ") && ++commits == killAfter) {
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        return commits;
    }
}
