package dev.tributary.spi.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedWriteTest {

    private static final Column ID = new Column("id", ColumnType.STRING, "id", "");
    private static final Column EMAIL = new Column("email", ColumnType.STRING, "email", "");
    private static final List<Column> CHILD_KEYS = List.of(new Column("_parent_id", ColumnType.STRING, "", ""),
            new Column("_position", ColumnType.INTEGER, "", ""));

    @Test
    void layoutGrowsByAddingAndWideningColumns() {
        EntityLayout start = EntityLayout.keysOnly("shop_customers", List.of(ID));
        TableLayout grown = start.table().withColumn(EMAIL).withColumn(new Column("balance", ColumnType.INTEGER,
                "balance", ""));

        TableLayout widened = grown.withReplacedColumn(grown.column("balance").orElseThrow().withType(
                ColumnType.NUMBER));

        assertThat(widened.columns()).extracting(Column::name).containsExactly("email", "balance");
        assertThat(widened.column("balance").orElseThrow().type()).isEqualTo(ColumnType.NUMBER);
    }

    @Test
    void refusesAColumnTwiceAndAKeylessTable() {
        assertThatThrownBy(() -> new TableLayout("t", List.of(ID), List.of(EMAIL, EMAIL), Optional.empty()))
                .hasMessageContaining("column 'email' twice");
        assertThatThrownBy(() -> new TableLayout("t", List.of(), List.of(), Optional.empty()))
                .hasMessageContaining("at least one key column");
    }

    @Test
    void childTablesMustNameTheirParent() {
        TableLayout orphan = new TableLayout("t__items", CHILD_KEYS, List.of(), Optional.of("other"));

        assertThatThrownBy(() -> new EntityLayout(new TableLayout("t", List.of(ID), List.of(), Optional.empty()),
                List.of(orphan))).hasMessageContaining("must name 't' as its parent");
    }

    @Test
    void rowsMayHoldNullsAndChildRowsMustBelongToAChildTable() {
        TableLayout items = new TableLayout("t__items", CHILD_KEYS, List.of(), Optional.of("t"));
        EntityLayout layout = new EntityLayout(new TableLayout("t", List.of(ID), List.of(EMAIL), Optional.empty()),
                List.of(items));
        Map<String, Object> row = new HashMap<>();
        row.put("id", "cus_1");
        row.put("email", null);

        TypedWrite write = new TypedWrite(layout, List.of(), List.of(row), Map.of("t__items", List.of()), "run-1");

        assertThat(write.rows().get(0)).containsEntry("email", null);
        assertThatThrownBy(() -> new TypedWrite(layout, List.of(), List.of(), Map.of("t", List.of()), "run-1"))
                .hasMessageContaining("'t', which is not a child table");
    }

    @Test
    void schemaChangesSayWhatTheyChange() {
        assertThatThrownBy(() -> new SchemaChange(SchemaChange.Kind.ADD_COLUMN, "t", Optional.empty(),
                Optional.empty(), "")).hasMessageContaining("needs a column");
        assertThatThrownBy(() -> new SchemaChange(SchemaChange.Kind.ADD_COLUMN, "t", Optional.of(EMAIL),
                Optional.of(ColumnType.INTEGER), "")).hasMessageContaining("only WIDEN_COLUMN");
    }

    @Test
    void theSpi10WriteBatchConstructorHasNoTypedForm() {
        SyncState state = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty());

        assertThat(new WriteBatch(List.of(), List.of(), state, Instant.EPOCH).typed()).isEmpty();
    }

    @Test
    void aProviderBuiltAgainst10GetsDerivedMetadata() {
        DestinationProvider provider = new DestinationProvider() {
            @Override
            public boolean accepts(String url) {
                return false;
            }

            @Override
            public Destination open(String url, java.util.function.UnaryOperator<String> environment) {
                throw new UnsupportedOperationException();
            }
        };
        class WarehouseProvider extends Object {
        }

        assertThat(provider.metadata().typedTables()).isFalse();
        assertThat(provider.metadata().urlForms()).isEmpty();
        assertThat(DestinationMetadata.derivedFrom(WarehouseProvider.class).id()).isEqualTo("warehouseprovider");
    }
}
