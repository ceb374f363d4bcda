package dev.tributary.destination.duckdb;

import static dev.tributary.destination.duckdb.TypedRun.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.SyncMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches of a run whose table started empty are appended straight into the tables; a key that is there already
 * (written again later in the run) rolls the batch back and writes it through staging, with every schema change and
 * variant column of the batch, and the run goes on through staging.
 */
class DuckDbDirectAppendTest {

    private static final EntityTable CUSTOMERS = new EntityTable("shop", "customers", List.of("id"), "shop");
    private static final Instant T1 = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T2.plusSeconds(60);

    @TempDir
    Path temp;

    private Path file() {
        return temp.resolve("warehouse.duckdb");
    }

    private Destination open() {
        return new DuckDbDestinationProvider().open("jdbc:duckdb:" + file(), name -> null);
    }

    private List<String> query(String sql) throws Exception {
        return DuckDbFiles.query(file(), sql);
    }

    @Test
    void aFirstSyncWithAKeyTwiceInOneBatchKeepsTheLaterRecord() throws Exception {
        Pages source = new Pages(List.of(
                List.of(Map.of("id", 1, "name", "first"), Map.of("id", 2, "name", "two"),
                        Map.of("id", 1, "name", "later")),
                List.of(Map.of("id", 3, "name", "three"), Map.of("id", 3, "name", "three again"))));
        assertThat(CrashSync.run(source, file(), SyncListener.NONE).succeeded()).isTrue();
        assertThat(query("SELECT id, name, _record->>'name' FROM src_items ORDER BY id"))
                .containsExactly("1|later|later", "2|two|two", "3|three again|three again");
    }

    @Test
    void aKeyWrittenAgainFallsBackToStagingWithTheBatchsNewColumnAndVariantColumn() throws Exception {
        BigDecimal huge = new BigDecimal("123456789012345678901234567890.5");
        try (Destination destination = open();
                TypedRun run = new TypedRun(destination, CUSTOMERS, SyncMode.INCREMENTAL)) {
            run.write(List.of(row("id", "s1", "amount", BigDecimal.ONE), row("id", "s2", "amount", BigDecimal.TEN)),
                    Map.of("items", List.of(row("_parent_id", "s1", "_position", 0L, "sku", "a"),
                            row("_parent_id", "s1", "_position", 1L, "sku", "b"))), List.of(), T1, true);
            run.write(List.of(row("id", "s3", "amount", huge, "phone", "+33"), row("id", "s1", "amount",
                    BigDecimal.TEN, "phone", "+44")), Map.of("items", List.of(row("_parent_id", "s1", "_position",
                            0L, "sku", "c"))), List.of(), T2, true);
            run.write(List.of(row("id", "s2", "amount", BigDecimal.ONE, "phone", "+49")), T3);
        }
        assertThat(query("SELECT id, amount::INTEGER, amount__v_text, phone, _synced_at = TIMESTAMPTZ '" + T2 + "'"
                + " FROM shop_customers ORDER BY id")).containsExactly("s1|10|null|+44|true", "s2|1|null|+49|false",
                        "s3|null|" + huge + "|+33|true");
        assertThat(query("SELECT _parent_id, _position, sku FROM shop_customers__items ORDER BY _position"))
                .containsExactly("s1|0|c");
        assertThat(query("SELECT \"column\", \"change\" FROM _tributary_schema WHERE \"column\" IN ('phone',"
                + " 'amount__v_text') ORDER BY \"column\"")).containsExactly("amount__v_text|ADD_VARIANT_COLUMN",
                        "phone|ADD_COLUMN");
    }

    /** Entity {@code items} (key {@code id}) sent as the given pages, then the end. */
    private static final class Pages extends BaseConnector {
        private final List<List<Map<String, Object>>> pages;

        Pages(List<List<Map<String, Object>>> pages) {
            this.pages = pages;
        }

        @Override
        public ConnectorMetadata getMetadata() {
            return ConnectorMetadata.builder("pages").name("Pages").version("1.0").description("fixed pages")
                    .supportedEntities(EntityDescriptor.of("items")).build();
        }

        @Override
        public ConnectionTestResult testConnection() {
            return ConnectionTestResult.success("ok");
        }

        @Override
        public void fetchEntity(FetchOptions options) {
            for (int i = 0; i < pages.size(); i++) {
                options.onBatch(pages.get(i), "page:" + i);
            }
        }
    }
}
