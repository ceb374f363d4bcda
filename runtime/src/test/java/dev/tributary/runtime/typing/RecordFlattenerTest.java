package dev.tributary.runtime.typing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.config.SchemaContract;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Flattening ahead of typing (as the fetching thread does, while the writer still types earlier batches) gives
 * exactly what typing each batch's records in turn gives: the flat form depends on no layout.
 */
class RecordFlattenerTest {

    private static final EntityLayout START = EntityLayout.keysOnly("shop_orders",
            List.of(new Column("id", ColumnType.STRING, "id", "")));
    private static final EntityLayout WITH_COUNT = new EntityLayout(new TableLayout("shop_orders",
            START.table().keyColumns(), List.of(new Column("count", ColumnType.INTEGER, "count", "")),
            Optional.empty()), List.of());
    private static final Optional<EntitySchema> SCHEMA = Optional.of(EntitySchema.of(
            SchemaField.timestamp("created").withFormat(ValueFormat.EPOCH_SECONDS),
            SchemaField.array("lines", SchemaField.number("price").withFormat(ValueFormat.DECIMAL_STRING))));

    private static Map<String, Object> record(Object... pairs) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            record.put((String) pairs[i], pairs[i + 1]);
        }
        return record;
    }

    /** Batches in which later values meet the columns, child tables and widenings the earlier ones made. */
    private static List<List<Map<String, Object>>> batches() {
        return List.of(
                List.of(record("id", 1, "created", 1_700_000_000, "count", 3, "notes", List.of(),
                        "address", record("city", "Paris", "geo", record("lat", 48.85, "deep", record("x", 1))),
                        "lines", List.of(record("price", "9.99", "sku", "A"), record("price", "1"))),
                        record("id", "2", "count", 4, "tags", List.of("a"), "items", List.of(record("n", 1)))),
                List.of(record("id", 3, "count", 2.5, "created", "not a time", "notes", List.of(record("t", "x")),
                        "lines", List.of(), "items", List.of()),
                        record("id", 4, "address", record("city", 75), "tags", "b", "flag", true)),
                List.of(record("id", 5, "count", 7, "notes", List.of(), "lines", List.of(record("price", "x")),
                        "items", List.of(record("n", 2.5)))));
    }

    private static TypingSettings settings(SchemaContract contract) {
        return TypingSettings.defaults(63).withContract(contract);
    }

    @Test
    void batchesFlattenedAheadTypeExactlyAsBatchesTypedInTurn() {
        for (EntityLayout start : List.of(START, WITH_COUNT)) {
            for (SchemaContract contract : SchemaContract.values()) {
                EntityTyper inTurn = new EntityTyper("orders", List.of("id"), SCHEMA, start, settings(contract));
                EntityTyper ahead = new EntityTyper("orders", List.of("id"), SCHEMA, start, settings(contract));
                RecordFlattener flattener = new RecordFlattener("orders", List.of("id"), SCHEMA, settings(contract));
                List<List<FlatRecord>> flattened = new ArrayList<>();
                batches().forEach(batch -> flattened.add(flattener.flatten(batch)));

                for (int i = 0; i < batches().size(); i++) {
                    List<Map<String, Object>> records = batches().get(i);
                    List<FlatRecord> flat = flattened.get(i);
                    assertThat(outcome(() -> ahead.typeFlat(flat, "r")))
                            .as("batch %d under %s from %s", i, contract, start.table().columns())
                            .isEqualTo(outcome(() -> inTurn.typeBatch(records, "r")));
                }
                assertThat(ahead.layout()).isEqualTo(inTurn.layout());
            }
        }
    }

    /** What typing gave: the batch's parts, or the message of the contract's failure. */
    private static List<Object> outcome(Supplier<TypedBatch> typing) {
        try {
            TypedBatch batch = typing.get();
            return List.of(batch.write(), batch.records(), batch.discarded(), batch.warnings());
        } catch (SchemaContractException e) {
            return List.of(e.getMessage());
        }
    }

    @Test
    void anEmptyArrayIsJsonUntilItsPathHasAChildTableThenItReplacesTheChildRowsWithNone() {
        EntityTyper typer = new EntityTyper("orders", List.of("id"), Optional.empty(), START,
                TypingSettings.defaults(63));
        RecordFlattener flattener = new RecordFlattener("orders", List.of("id"), Optional.empty(),
                TypingSettings.defaults(63));
        List<FlatRecord> first = flattener.flatten(List.of(record("id", 1, "items", List.of())));
        List<FlatRecord> second = flattener.flatten(List.of(record("id", 2, "items", List.of(record("n", 1)))));
        List<FlatRecord> third = flattener.flatten(List.of(record("id", 3, "items", List.of())));

        assertThat(typer.typeFlat(first, "r").write().rows().get(0)).containsEntry("items", "[]");
        assertThat(typer.typeFlat(second, "r").write().childRows().get("shop_orders__items"))
                .containsExactly(Map.of("_parent_id", "2", "_position", 0L, "n", 1L));
        var write = typer.typeFlat(third, "r").write();
        assertThat(write.rows().get(0)).doesNotContainKey("items");
        assertThat(write.childRows()).containsEntry("shop_orders__items", List.of());
    }

    @Test
    void keysAndRawJsonAreTakenOnceWhenFlatteningAndTheKeyFieldIsNoColumn() {
        RecordFlattener flattener = new RecordFlattener("orders", List.of("shop", "id"), Optional.empty(),
                TypingSettings.defaults(63));

        FlatRecord flat = flattener.flatten(record("shop", "s1", "id", 42.0, "name", "n"));

        assertThat(flat.key()).containsExactly("s1", "42");
        assertThat(flat.json()).isEqualTo("{\"shop\":\"s1\",\"id\":42.0,\"name\":\"n\"}");
        assertThat(flat.parts()).singleElement().extracting(part -> ((FlatPart.Leaf) part).path().path())
                .isEqualTo("name");
    }

    @Test
    void noRawJsonIsMadeWhenTheSourceKeepsNoRawRecords() {
        TypingSettings noRaw = new TypingSettings(3, 100, 63, false);
        EntityTyper typer = new EntityTyper("orders", List.of("id"), Optional.empty(), START, noRaw);

        FlatRecord flat = new RecordFlattener("orders", List.of("id"), Optional.empty(), noRaw)
                .flatten(record("id", 1, "name", "n"));

        assertThat(flat.json()).isNull();
        assertThat(typer.typeFlat(List.of(flat), "r").write().rows().get(0)).doesNotContainKey("_record");
    }

    @Test
    void fieldsBeyondThePathCacheBoundAreStillFlattenedToTheirOwnColumns() {
        EntityTyper typer = new EntityTyper("orders", List.of("id"), Optional.empty(), START,
                TypingSettings.defaults(63));
        RecordFlattener flattener = new RecordFlattener("orders", List.of("id"), Optional.empty(),
                TypingSettings.defaults(63));
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            records.add(record("id", i, "attrs", record("k" + i, i)));
        }

        var write = typer.typeFlat(flattener.flatten(records), "r").write();

        TableLayout table = write.layout().table();
        assertThat(table.columns()).hasSize(600);
        assertThat(table.column("attrs__k599").orElseThrow().sourcePath()).isEqualTo("attrs.k599");
        assertThat(write.rows().get(599)).containsEntry("attrs__k599", 599L);
    }

    @Test
    void aFlatBatchKeepsAFlatteningFailureForTheWriterAndAFollowingBatchKeepsIt() {
        RecordFlattener flattener = new RecordFlattener("orders", List.of("id"), Optional.empty(),
                TypingSettings.defaults(63));
        FlatBatch good = FlatBatch.of(flattener, List.of(record("id", 1)));
        FlatBatch bad = FlatBatch.of(flattener, List.of(record("id", 2), record("name", "no key")));

        assertThat(good.followedBy(good).records()).extracting(FlatRecord::key)
                .containsExactly(List.of("1"), List.of("1"));
        assertThatThrownBy(bad::records).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a record of entity 'orders' has no value for its primary-key field 'id'");
        assertThatThrownBy(() -> good.followedBy(bad).records()).hasMessageContaining("primary-key field 'id'");
        assertThatThrownBy(() -> bad.followedBy(good).records()).hasMessageContaining("primary-key field 'id'");
    }

    @Test
    void lastPerKeyOfFlatRecordsKeepsTheLastOfEachKeyInTheOrderOfThoseLast() {
        RecordFlattener flattener = new RecordFlattener("orders", List.of("id"), Optional.empty(),
                TypingSettings.defaults(63));
        List<FlatRecord> flat = flattener.flatten(List.of(record("id", 1, "v", "a"), record("id", 2, "v", "b"),
                record("id", 1.0, "v", "c")));

        assertThat(LastPerKey.ofFlat(flat)).extracting(f -> f.record().get("v")).containsExactly("b", "c");
    }
}
