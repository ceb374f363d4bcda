package dev.tributary.runtime.typing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.config.SchemaContract;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link EntityTyper} under each {@code schema_contract}, on a table that already has columns. */
class SchemaContractTypingTest {

    private static final Column KEY = new Column("id", ColumnType.STRING, "id", "");
    private static final EntityLayout EXISTING = new EntityLayout(new TableLayout("stripe_customers", List.of(KEY),
            List.of(new Column("email", ColumnType.STRING, "email", ""),
                    new Column("age", ColumnType.INTEGER, "age", "")), Optional.empty()), List.of());

    private static EntityTyper typer(SchemaContract contract, EntityLayout start, Optional<EntitySchema> schema) {
        return new EntityTyper("customers", List.of("id"), schema, start,
                TypingSettings.defaults(63).withContract(contract));
    }

    private static EntityTyper typer(SchemaContract contract) {
        return typer(contract, EXISTING, Optional.empty());
    }

    private static Map<String, Object> record(Object... pairs) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            record.put((String) pairs[i], pairs[i + 1]);
        }
        return record;
    }

    private static final List<Map<String, Object>> MIXED = List.of(
            record("id", "a", "email", "a@example.com", "age", 30),
            record("id", "b", "email", "b@example.com", "nickname", "bo"),
            record("id", "c", "email", "c@example.com", "age", "thirty"),
            record("id", "d", "age", 40));

    @Test
    void evolveAddsTheNewColumnAndAVariantColumn() {
        TypedBatch batch = typer(SchemaContract.EVOLVE).typeBatch(MIXED, "r");

        assertThat(batch.records()).hasSize(4);
        assertThat(batch.discarded()).isEmpty();
        assertThat(batch.write().changes()).extracting(SchemaChange::kind)
                .containsExactly(SchemaChange.Kind.ADD_COLUMN, SchemaChange.Kind.ADD_VARIANT_COLUMN);
        assertThat(batch.write().rows().get(2)).containsEntry("age__v_text", "thirty");
    }

    @Test
    void freezeFailsTheBatchNamingTheFieldAndTable() {
        EntityTyper typer = typer(SchemaContract.FREEZE);

        assertThatThrownBy(() -> typer.typeBatch(MIXED, "r"))
                .isInstanceOfSatisfying(SchemaContractException.class, e -> {
                    assertThat(e.field()).isEqualTo("nickname");
                    assertThat(e.table()).isEqualTo("stripe_customers");
                })
                .hasMessageContaining("schema_contract is freeze")
                .hasMessageContaining("field 'nickname'")
                .hasMessageContaining("table 'stripe_customers'")
                .hasMessageContaining("nothing of this batch was written");
        assertThat(typer.layout().table().columns()).extracting(Column::name).containsExactly("email", "age");
    }

    @Test
    void freezeFailsOnATypeChangeToo() {
        assertThatThrownBy(() -> typer(SchemaContract.FREEZE).typeBatch(List.of(record("id", "c", "age", "x")),
                "r")).isInstanceOf(SchemaContractException.class)
                .hasMessageContaining("field 'age'").hasMessageContaining("STRING value")
                .hasMessageContaining("INTEGER column 'age'");
    }

    @Test
    void freezeLetsABatchThroughThatFitsTheTable() {
        TypedBatch batch = typer(SchemaContract.FREEZE).typeBatch(List.of(record("id", "a", "email", "x@y.z",
                "age", 3, "nickname", null)), "r");

        assertThat(batch.write().changes()).isEmpty();
        assertThat(batch.write().rows()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("email", "x@y.z").containsEntry("age", 3L));
    }

    @Test
    void discardRowLeavesOutTheRecordsThatWouldChangeTheSchemaAndCountsThem() {
        TypedBatch batch = typer(SchemaContract.DISCARD_ROW).typeBatch(MIXED, "r");

        assertThat(batch.records()).extracting(r -> r.get("id")).containsExactly("a", "d");
        assertThat(batch.write().rows()).extracting(r -> r.get("id")).containsExactly("a", "d");
        assertThat(batch.write().changes()).isEmpty();
        assertThat(batch.discarded()).containsExactly(Map.entry("nickname", 1), Map.entry("age", 1));
        assertThat(batch.discardedCount()).isEqualTo(2);
        assertThat(batch.write().layout().table().columns()).extracting(Column::name)
                .containsExactly("email", "age");
    }

    @Test
    void discardValueLeavesTheValuesOutOfTheColumnsButKeepsThemInTheRawRecord() {
        TypedBatch batch = typer(SchemaContract.DISCARD_VALUE).typeBatch(MIXED, "r");

        assertThat(batch.records()).hasSize(4);
        assertThat(batch.write().changes()).isEmpty();
        assertThat(batch.discarded()).containsExactly(Map.entry("nickname", 1), Map.entry("age", 1));
        Map<String, Object> b = batch.write().rows().get(1);
        assertThat(b).containsEntry("email", "b@example.com").doesNotContainKey("nickname");
        assertThat((String) b.get("_record")).contains("\"nickname\":\"bo\"");
        Map<String, Object> c = batch.write().rows().get(2);
        assertThat(c).doesNotContainKey("age").doesNotContainKey("age__v_text");
        assertThat((String) c.get("_record")).contains("\"age\":\"thirty\"");
    }

    @Test
    void discardValueRefusesAWideningAndANewChildTable() {
        TypedBatch batch = typer(SchemaContract.DISCARD_VALUE).typeBatch(List.of(record("id", "a", "age", 2.5,
                "lines", List.of(Map.of("q", 1)))), "r");

        assertThat(batch.write().changes()).isEmpty();
        assertThat(batch.write().childRows()).isEmpty();
        assertThat(batch.write().rows().get(0)).doesNotContainKey("age");
        assertThat(batch.discarded()).containsOnlyKeys("age", "lines");
    }

    @Test
    void declaredFieldsAreTheContractAndStillGetTheirColumns() {
        EntityTyper typer = typer(SchemaContract.FREEZE, EXISTING,
                Optional.of(EntitySchema.of(SchemaField.string("country"))));

        TypedBatch batch = typer.typeBatch(List.of(record("id", "a", "country", "FR")), "r");

        assertThat(batch.write().changes()).extracting(SchemaChange::kind)
                .containsExactly(SchemaChange.Kind.ADD_COLUMN);
        assertThat(batch.write().rows().get(0)).containsEntry("country", "FR");
    }

    @Test
    void aTablesFirstRunCreatesItsColumnsUnderEveryContract() {
        EntityLayout empty = EntityLayout.keysOnly("stripe_customers", List.of(KEY));
        for (SchemaContract contract : SchemaContract.values()) {
            TypedBatch batch = typer(contract, empty, Optional.empty()).typeBatch(MIXED, "r");

            assertThat(batch.records()).as(contract.name()).hasSize(4);
            assertThat(batch.write().layout().table().columns()).extracting(Column::name).as(contract.name())
                    .containsExactly("email", "age", "nickname", "age__v_text");
        }
    }

    @Test
    void theSettingTextNamesEveryAllowedValue() {
        assertThat(SchemaContract.fromSetting(" Discard_Row ")).isEqualTo(SchemaContract.DISCARD_ROW);
        assertThatThrownBy(() -> SchemaContract.fromSetting("strict")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting schema_contract must be one of evolve, freeze, discard_row, discard_value,"
                        + " was 'strict'");
    }
}
