package dev.tributary.runtime.typing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.destination.TypedWrite;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntityTyperTest {

    private static final EntityLayout START = EntityLayout.keysOnly("stripe_customers",
            List.of(new Column("id", ColumnType.STRING, "id", "")));

    private static EntityTyper typer(Optional<EntitySchema> schema) {
        return new EntityTyper("customers", List.of("id"), schema, START, TypingSettings.defaults(63));
    }

    private static Map<String, Object> record(Object... pairs) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            record.put((String) pairs[i], pairs[i + 1]);
        }
        return record;
    }

    private static List<String> columnNames(TableLayout table) {
        return table.columns().stream().map(Column::name).toList();
    }

    @Test
    void declaredFieldsAreConvertedByTheirFormat() {
        EntityTyper typer = typer(Optional.of(EntitySchema.of(
                SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS),
                SchemaField.number("balance").withFormat(ValueFormat.DECIMAL_STRING),
                SchemaField.bool("delinquent"), SchemaField.string("email"))));

        TypedWrite write = typer.type(List.of(record("id", 42, "created", 1_700_000_000, "balance", "10.50",
                "delinquent", true, "email", "a@example.com")), "run-1");

        assertThat(write.rows()).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("id", "42").containsEntry("created", Instant.ofEpochSecond(1_700_000_000))
                    .containsEntry("balance", new BigDecimal("10.50")).containsEntry("delinquent", true)
                    .containsEntry("email", "a@example.com");
            assertThat((String) row.get("_record")).contains("\"balance\":\"10.50\"");
        });
        assertThat(write.layout().table().column("created").orElseThrow().type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(write.changes()).extracting(SchemaChange::kind).containsOnly(SchemaChange.Kind.ADD_COLUMN)
                .hasSize(4);
        assertThat(write.runId()).isEqualTo("run-1");
    }

    @Test
    void anUndeclaredColumnAppearsWithItsFirstNonNullValueAndOnlyOnce() {
        EntityTyper typer = typer(Optional.empty());

        TypedWrite first = typer.type(List.of(record("id", "a", "nickname", null, "age", 30)), "r");
        TypedWrite second = typer.type(List.of(record("id", "b", "nickname", "bo", "age", 31)), "r");

        assertThat(columnNames(first.layout().table())).containsExactly("age");
        assertThat(first.layout().table().column("age").orElseThrow().type()).isEqualTo(ColumnType.INTEGER);
        assertThat(second.changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaChange.Kind.ADD_COLUMN);
            assertThat(change.column().orElseThrow().name()).isEqualTo("nickname");
        });
        assertThat(second.rows().get(0)).containsEntry("age", 31L).containsEntry("nickname", "bo");
    }

    @Test
    void nestedObjectsFlattenUpToTheMaxDepthAndDeeperOnesStayJson() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> level = deep;
        for (int i = 0; i < 50; i++) {
            Map<String, Object> next = new HashMap<>();
            level.put("n", next);
            level = next;
        }
        EntityTyper typer = typer(Optional.empty());

        TypedWrite write = typer.type(List.of(record("id", 1, "address", Map.of("city", "Paris",
                "geo", Map.of("lat", 48.85, "deeper", Map.of("x", 1))), "deep", deep)), "r");

        assertThat(columnNames(write.layout().table()))
                .containsExactlyInAnyOrder("address__city", "address__geo__lat", "address__geo__deeper", "deep__n__n");
        Map<String, Object> row = write.rows().get(0);
        assertThat(row).containsEntry("address__city", "Paris").containsEntry("address__geo__lat",
                new BigDecimal("48.85")).containsEntry("address__geo__deeper", "{\"x\":1}");
        assertThat(write.layout().table().column("deep__n__n").orElseThrow().type()).isEqualTo(ColumnType.JSON);
        assertThat(write.layout().table().column("address__city").orElseThrow().sourcePath())
                .isEqualTo("address.city");
    }

    @Test
    void undeclaredObjectsWithTooManyKeysAndDeclaredJsonStayOneJsonColumn() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 2_000; i++) {
            metadata.put("key" + i, "v" + i);
        }
        EntityTyper declared = typer(Optional.of(EntitySchema.of(SchemaField.json("metadata"))));
        EntityTyper undeclared = typer(Optional.empty());

        TypedWrite small = declared.type(List.of(record("id", 1, "metadata", Map.of("plan", "gold"))), "r");
        TypedWrite big = undeclared.type(List.of(record("id", 1, "metadata", metadata)), "r");

        assertThat(columnNames(small.layout().table())).containsExactly("metadata");
        assertThat(small.rows().get(0)).containsEntry("metadata", "{\"plan\":\"gold\"}");
        assertThat(columnNames(big.layout().table())).containsExactly("metadata");
        assertThat((String) big.rows().get(0).get("metadata")).startsWith("{\"key0\":\"v0\"");
    }

    @Test
    void arraysOfObjectsBecomeChildTablesAndArraysOfScalarsJson() {
        EntityTyper typer = typer(Optional.of(EntitySchema.of(SchemaField.array("items",
                SchemaField.number("price").withFormat(ValueFormat.DECIMAL_STRING)))));

        TypedWrite write = typer.type(List.of(record("id", "o1", "tags", List.of("a", "b"),
                "items", List.of(Map.of("price", "9.99", "sku", "X"), Map.of("price", "1")))), "r");

        assertThat(write.changes()).filteredOn(change -> change.kind() == SchemaChange.Kind.CREATE_TABLE)
                .singleElement().extracting(SchemaChange::table).isEqualTo("stripe_customers__items");
        TableLayout items = write.layout().tableNamed("stripe_customers__items").orElseThrow();
        assertThat(items.parent()).contains("stripe_customers");
        assertThat(items.keyColumns()).extracting(Column::name).containsExactly("_parent_id", "_position");
        assertThat(items.keyColumns().get(1).sourcePath()).isEqualTo("items");
        assertThat(write.childRows().get("stripe_customers__items")).containsExactly(
                Map.of("_parent_id", "o1", "_position", 0L, "price", new BigDecimal("9.99"), "sku", "X"),
                Map.of("_parent_id", "o1", "_position", 1L, "price", BigDecimal.ONE));
        assertThat(write.rows().get(0)).containsEntry("tags", "[\"a\",\"b\"]").doesNotContainKey("items");
    }

    @Test
    void anIntegerColumnWidensForAFractionAndOtherMisfitsGoToVariantColumns() {
        EntityTyper typer = typer(Optional.of(EntitySchema.of(SchemaField.integer("amount"))));

        TypedWrite write = typer.type(List.of(record("id", 1, "count", 3, "amount", 5),
                record("id", 2, "count", 2.5, "amount", "n/a")), "r");

        assertThat(write.layout().table().column("count").orElseThrow().type()).isEqualTo(ColumnType.NUMBER);
        assertThat(write.rows().get(0)).containsEntry("count", BigDecimal.valueOf(3)).containsEntry("amount", 5L);
        assertThat(write.rows().get(1)).containsEntry("count", new BigDecimal("2.5"))
                .containsEntry("amount__v_text", "n/a").doesNotContainKey("amount");
        assertThat(write.changes()).extracting(SchemaChange::kind).containsExactly(SchemaChange.Kind.ADD_COLUMN,
                SchemaChange.Kind.ADD_COLUMN, SchemaChange.Kind.WIDEN_COLUMN, SchemaChange.Kind.ADD_VARIANT_COLUMN);
        assertThat(write.changes().get(2).previousType()).contains(ColumnType.INTEGER);
    }

    @Test
    void hostileFieldNamesNeverTakeSystemOrKeyColumnsAndCollisionsStayApart() {
        EntityTyper typer = typer(Optional.empty());
        String longName = "a".repeat(300);

        TypedWrite write = typer.type(List.of(record("id", 1, "_record", "x", "_synced_at", "y", "ID", "z",
                "userName", 1, "user_name", 2, "a__b", 3, "a", Map.of("b", 4), longName, true)), "r");

        assertThat(columnNames(write.layout().table())).containsExactly("record", "synced_at", "id_2", "user_name",
                "user_name_2", "a_b", "a__b", Identifiers.normalise(longName, 63));
        assertThat(write.rows().get(0)).containsEntry("user_name", 1L).containsEntry("user_name_2", 2L)
                .containsEntry("a_b", 3L).containsEntry("a__b", 4L)
                .containsEntry("id", "1").containsEntry("id_2", "z");
        assertThat(columnNames(write.layout().table())).allMatch(name -> name.length() <= 63);
    }

    @Test
    void aTyperStartedFromAnExistingLayoutKeepsItsNamesAndChildTables() {
        EntityTyper first = typer(Optional.empty());
        EntityLayout stored = first.type(List.of(record("id", 1, "userName", 1, "user_name", 2, "n", 1,
                "lines", List.of(Map.of("q", 1)))), "r").layout();

        EntityTyper restarted = new EntityTyper("customers", List.of("id"), Optional.empty(), stored,
                TypingSettings.defaults(63));
        TypedWrite write = restarted.type(List.of(record("id", 2, "user_name", 3, "n", 1.5,
                "lines", List.of(Map.of("q", 2)))), "r");

        assertThat(write.rows().get(0)).containsEntry("user_name_2", 3L).containsEntry("n", new BigDecimal("1.5"));
        assertThat(write.changes()).extracting(SchemaChange::kind).containsExactly(SchemaChange.Kind.WIDEN_COLUMN);
        assertThat(write.childRows()).containsOnlyKeys("stripe_customers__lines");
        assertThat(write.layout().children()).hasSize(1);
    }

    @Test
    void rawRecordsCanBeLeftOutAndAMissingKeyIsRefused() {
        EntityTyper typer = new EntityTyper("customers", List.of("id"), Optional.empty(), START,
                new TypingSettings(3, 100, 63, false));

        assertThat(typer.type(List.of(record("id", 1, "x", 1)), "r").rows().get(0)).doesNotContainKey("_record");
        assertThatThrownBy(() -> typer.type(List.of(record("x", 1)), "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primary-key field 'id'");
        assertThatThrownBy(() -> new EntityTyper("customers", List.of("id", "account"), Optional.empty(), START,
                TypingSettings.defaults(63))).hasMessageContaining("full refresh");
    }

    @Test
    void badInputIsWarnedAboutOnceWithTheFieldAndWhereItWentAndKeptInTheRawRecord() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> level = deep;
        for (int i = 0; i < 50; i++) {
            Map<String, Object> next = new HashMap<>();
            level.put("n", next);
            level = next;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 2_000; i++) {
            metadata.put("key" + i, "v" + i);
        }
        String longName = "b".repeat(300);
        EntityTyper typer = typer(Optional.empty());
        Map<String, Object> input = record("id", 1, "_record", "x", "_synced_at", "y", longName, 1, "deep", deep,
                "metadata", metadata);

        TypedBatch first = typer.typeBatch(List.of(input), "r");
        TypedBatch second = typer.typeBatch(List.of(record("id", 2, "_record", "z", longName, 2)), "r");

        assertThat(first.warnings()).anySatisfy(w -> assertThat(w).contains("field '_record' is stored in column"
                + " 'record'").contains("is the runtime's own"))
                .anySatisfy(w -> assertThat(w).contains("field '_synced_at' is stored in column 'synced_at'"))
                .anySatisfy(w -> assertThat(w).contains("(300 characters)").contains("longer than 63 characters"))
                .anySatisfy(w -> assertThat(w).contains("field 'deep.n.n' is kept whole as JSON")
                        .contains("deeper than max_nesting_depth 3"))
                .anySatisfy(w -> assertThat(w).contains("field 'metadata' is kept whole as JSON")
                        .contains("2000 keys (more than 100)"))
                .hasSize(5);
        assertThat(second.warnings()).isEmpty();
        assertThat(first.write().layout().table().columns()).hasSize(5);
        assertThat(first.write().layout().table().columns()).extracting(Column::name)
                .allMatch(name -> name.length() <= 63);
        String raw = (String) first.write().rows().get(0).get("_record");
        assertThat(raw).contains("\"_record\":\"x\"").contains("\"_synced_at\":\"y\"").contains(longName)
                .contains("\"key1999\":\"v1999\"");
        assertThat(first.write().rows().get(0)).containsEntry("record", "x").containsEntry("synced_at", "y");
    }

    @Test
    void aRecordMissingItsPrimaryKeyFailsTheBatchNamingTheEntityAndFieldBeforeAnyColumnIsAdded() {
        EntityTyper typer = typer(Optional.empty());

        assertThatThrownBy(() -> typer.typeBatch(List.of(record("id", 1, "x", 1), record("id", null, "x", 2)),
                "r")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a record of entity 'customers' has no value for its primary-key field 'id'");
        assertThat(typer.layout().table().columns()).isEmpty();
    }

    @Test
    void theMaxNestingDepthSettingIsFollowed() {
        EntityTyper typer = new EntityTyper("customers", List.of("id"), Optional.empty(), START,
                TypingSettings.of(dev.tributary.spi.config.Settings.DEFAULTS.withMaxNestingDepth(1)
                        .withKeepRawRecord(false), 63));

        TypedBatch batch = typer.typeBatch(List.of(record("id", 1, "address", Map.of("city", "Paris"))), "r");

        assertThat(batch.write().rows().get(0)).containsEntry("address", "{\"city\":\"Paris\"}")
                .doesNotContainKey("_record");
    }
}
