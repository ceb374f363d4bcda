package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.config.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a child JVM with SIGKILL inside the transaction of a batch that evolves the schema (new columns
 * {@code color}, {@code address__city}, {@code address__zip} and the child table {@code src_items__parts}), or inside
 * the last transaction of the run, then re-runs the sync: the tables hold exactly the source's records and child
 * rows, once each; every column exists once; and {@code _tributary_schema} records each column exactly once, and
 * only columns that exist.
 */
class SchemaEvolutionCrashTest {

    private static final int OLD_SHAPE = 100;
    private static final int RECORDS = 200;
    private static final Set<String> SYSTEM_COLUMNS = Set.of("id", "_record", "_synced_at", "_data_source",
            "_deleted_at");
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path directory;

    static Settings settings() {
        return Settings.DEFAULTS.withBatchSize(10).withRequestsPerSecond(1_000_000).withBurst(1000);
    }

    /** Items 1..200; from item 101 on, each also has a color, an address object and an array of parts. */
    static ItemSource evolvingSource() {
        ItemSource source = ItemSource.of(OLD_SHAPE);
        for (int id = OLD_SHAPE + 1; id <= RECORDS; id++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", id);
            record.put("updated", 1000 + id);
            record.put("name", "item " + id);
            record.put("note", null);
            record.put("color", "color " + id % 3);
            record.put("address", Map.of("city", "city " + id, "zip", id));
            record.put("parts", List.of(Map.of("sku", "a" + id, "qty", id % 7), Map.of("sku", "b" + id, "qty", 1)));
            source.putRecord(record);
        }
        return source;
    }

    /**
     * {@code full}: the first sync (a full refresh into the staging table) is killed; {@code incremental}: a first
     * sync of the 100 old-shape items completed, then the incremental sync bringing the new fields is killed.
     */
    @ParameterizedTest(name = "{0}, {1} sync, killed {2}")
    @CsvSource({
        "sqlite, full, adding, 100", "sqlite, incremental, adding, 101", "sqlite, full, finishing, 0",
        "postgresql, full, adding, 100", "postgresql, incremental, adding, 101", "postgresql, full, finishing, 0"
    })
    void killedSchemaChangeResumesToExactTablesAndHistory(String database, String run, String killPoint,
            long fetchedByRerun) throws Exception {
        String schema = "evolve_" + run + "_" + killPoint;
        SyncHarness harness = database.equals("sqlite") ? Databases.sqlite(directory)
                : POSTGRES.harness(schema);
        boolean full = run.equals("full");
        if (!full) {
            SyncResult first = harness.sync(new ItemsConnector(ItemSource.of(OLD_SHAPE), ItemSource.of(0)),
                    request(), SyncListener.NONE, new CancelHandle());
            assertThat(first.succeeded()).isTrue();
        }

        String locked = full ? "src_items__staging" : "src_items";
        runChildAndKill(harness, database, schema, killPoint, locked);

        ItemsConnector rerun = new ItemsConnector(evolvingSource(), ItemSource.of(0));
        SyncResult resumed = harness.sync(rerun, request(), SyncListener.NONE, new CancelHandle());

        assertThat(resumed.succeeded()).isTrue();
        if (full) {
            assertThat(rerun.calls("items").get(0).resumeState()).isPresent();
        } else {
            // The killed batch was the incremental run's first, so the re-run starts again from the first run's cursor.
            assertThat(rerun.calls("items").get(0).since()).isPresent();
        }
        assertThat(resumed.entity("items").records()).isEqualTo(fetchedByRerun);
        assertExactTables(harness);
        assertConsistentHistory(harness, database, schema);
    }

    private static SyncRequest request() {
        return new SyncRequest("src", "src", List.of("items"), false, settings());
    }

    private static void assertExactTables(SyncHarness harness) {
        List<List<String>> expected = new ArrayList<>();
        List<List<String>> expectedParts = new ArrayList<>();
        for (int id = 1; id <= RECORDS; id++) {
            boolean evolved = id > OLD_SHAPE;
            expected.add(java.util.Arrays.asList(String.valueOf(id), String.valueOf(1000 + id), "item " + id,
                    evolved ? "color " + id % 3 : null, evolved ? "city " + id : null,
                    evolved ? String.valueOf(id) : null));
            if (evolved) {
                expectedParts.add(List.of(String.valueOf(id), "0", "a" + id, String.valueOf(id % 7)));
                expectedParts.add(List.of(String.valueOf(id), "1", "b" + id, "1"));
            }
        }
        assertThat(harness.rows("SELECT id, updated, name, color, address__city, address__zip FROM src_items"
                + " WHERE _deleted_at IS NULL ORDER BY CAST(id AS INTEGER)")).isEqualTo(expected);
        assertThat(harness.rows("SELECT count(*), count(DISTINCT id) FROM src_items"))
                .containsExactly(List.of(String.valueOf(RECORDS), String.valueOf(RECORDS)));
        assertThat(harness.rows("SELECT _parent_id, _position, sku, qty FROM src_items__parts"
                + " ORDER BY CAST(_parent_id AS INTEGER), _position")).isEqualTo(expectedParts);
        assertThat(harness.rows("SELECT count(*) FROM (SELECT _parent_id, _position FROM src_items__parts"
                + " GROUP BY _parent_id, _position HAVING count(*) > 1) AS twice")).containsExactly(List.of("0"));
    }

    private static void assertConsistentHistory(SyncHarness harness, String database, String schema) {
        assertThat(harness.rows("SELECT \"table\", \"column\", count(*) FROM _tributary_schema"
                + " GROUP BY \"table\", \"column\" HAVING count(*) > 1")).isEmpty();
        for (String table : List.of("src_items", "src_items__parts")) {
            List<String> physical = columns(harness, database, schema, table);
            assertThat(physical).doesNotHaveDuplicates();
            Set<String> recorded = new TreeSet<>(harness.query("SELECT \"column\", \"change\" FROM _tributary_schema"
                    + " WHERE \"table\" = '" + table + "'").keySet());
            Set<String> typed = new TreeSet<>(physical);
            typed.removeAll(SYSTEM_COLUMNS);
            typed.remove("_synced_at");
            recorded.remove("id");
            assertThat(recorded).as("columns recorded in _tributary_schema for " + table).isEqualTo(typed);
        }
        assertThat(columns(harness, database, schema, "src_items"))
                .containsOnlyOnce("color", "address__city", "address__zip");
        assertThat(harness.rows("SELECT \"column\", \"type\", \"change\" FROM _tributary_schema"
                + " WHERE \"table\" = 'src_items' AND \"column\" IN ('color', 'address__city', 'address__zip')"
                + " ORDER BY \"column\"")).containsExactly(
                        List.of("address__city", "STRING", "ADD_COLUMN"),
                        List.of("address__zip", "INTEGER", "ADD_COLUMN"),
                        List.of("color", "STRING", "ADD_COLUMN"));
        assertThat(tables(harness, database, schema)).noneMatch(name -> name.contains("staging"));
    }

    private static List<String> columns(SyncHarness harness, String database, String schema, String table) {
        String sql = database.equals("sqlite")
                ? "SELECT name, cid FROM pragma_table_info('" + table + "') ORDER BY cid"
                : "SELECT column_name, ordinal_position FROM information_schema.columns WHERE table_schema = '"
                        + schema + "' AND table_name = '" + table + "' ORDER BY ordinal_position";
        return harness.rows(sql).stream().map(row -> row.get(0)).toList();
    }

    private static List<String> tables(SyncHarness harness, String database, String schema) {
        String sql = database.equals("sqlite") ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'";
        return harness.rows(sql).stream().map(row -> row.get(0)).toList();
    }

    /**
     * Starts the child and kills it with SIGKILL once it stops inside the transaction. On PostgreSQL it first
     * checks that the open transaction holds the ACCESS EXCLUSIVE lock its ALTER TABLE (or swap) took.
     */
    private void runChildAndKill(SyncHarness harness, String database, String schema, String killPoint,
            String lockedTable) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = directory.resolve("child-" + schema + ".log");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SchemaEvolutionCrashChild.class.getName(), harness.url, killPoint)
                .redirectError(log.toFile()).start();
        boolean stopped = false;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.equals("in transaction")) {
                    stopped = true;
                    if (database.equals("postgresql")) {
                        assertThat(harness.rows("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid ="
                                + " l.relation JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '"
                                + schema + "' AND c.relname = '" + lockedTable + "' AND l.mode ="
                                + " 'AccessExclusiveLock' AND l.granted")).containsExactly(List.of("1"));
                    }
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(stopped).as("the child stops inside the transaction; its output: %s, its log: %s", output,
                Files.exists(log) ? Files.readString(log) : "").isTrue();
    }
}
