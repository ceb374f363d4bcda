package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaConformanceTest {

    private static final EntitySchema SCHEMA = EntitySchema.of(
            SchemaField.string("id").notNull(),
            SchemaField.integer("balance"),
            SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS),
            SchemaField.object("address", SchemaField.string("city")),
            SchemaField.array("items", SchemaField.integer("quantity")),
            SchemaField.json("metadata"));

    private static Map<String, Object> good() {
        Map<String, Object> record = new HashMap<>();
        record.put("id", "cus_1");
        record.put("balance", 0L);
        record.put("created", 1_700_000_000L);
        record.put("address", Map.of("city", "Berlin"));
        record.put("items", List.of(Map.of("quantity", 2L)));
        record.put("metadata", Map.of("any", List.of(1, "x")));
        return record;
    }

    @Test
    void recordsWithEveryDeclaredFieldOfItsTypeConform() {
        Map<String, Object> nulls = good();
        nulls.put("balance", null);

        assertThat(SchemaConformance.violations(SCHEMA, List.of(good(), nulls))).isEmpty();
    }

    @Test
    void aDeclaredFieldMissingFromARecordIsReported() {
        Map<String, Object> record = good();
        record.remove("balance");

        assertThat(SchemaConformance.violations(SCHEMA, List.of(record)))
                .containsExactly("record 0: balance is declared but missing");
    }

    @Test
    void aValueOfAnotherTypeIsReportedWithItsPath() {
        Map<String, Object> record = good();
        record.put("balance", "12");
        record.put("items", List.of(Map.of("quantity", 1.5)));

        assertThat(SchemaConformance.violations(SCHEMA, List.of(record))).containsExactly(
                "record 0: balance is declared INTEGER (DEFAULT) but holds String 12",
                "record 0: items[0].quantity is declared INTEGER (DEFAULT) but holds Double 1.5");
    }

    @Test
    void aNullInANotNullFieldIsReported() {
        Map<String, Object> record = good();
        record.put("id", null);

        assertThat(SchemaConformance.violations(SCHEMA, List.of(record)))
                .containsExactly("record 0: id is declared not-null but is null");
    }

    @Test
    void anIsoTextInAnEpochTimestampIsReported() {
        Map<String, Object> record = good();
        record.put("created", "2024-01-01T00:00:00Z");

        assertThat(SchemaConformance.violations(SCHEMA, List.of(record))).hasSize(1);
    }
}
