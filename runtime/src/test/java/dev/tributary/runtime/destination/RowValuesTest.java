package dev.tributary.runtime.destination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.typing.EntityTyper;
import dev.tributary.runtime.typing.TypingSettings;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.TypedWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowValuesTest {

    private static final EntityLayout START = EntityLayout.keysOnly("stripe_customers",
            List.of(new Column("id", ColumnType.STRING, "id", "")));

    @Test
    void readsTypedRowsBySlotAndOtherMapsByNameInTheLayoutsColumnOrder() {
        EntityTyper typer = new EntityTyper("customers", List.of("id"), Optional.empty(), START,
                TypingSettings.defaults(63));
        TypedWrite write = typer.type(List.of(Map.of("id", "a", "name", "Ann"),
                Map.of("id", "b", "email", "b@x", "name", "Bob")), "run-1");
        RowValues values = new RowValues(write.layout().table());

        assertThat(values.columns()).extracting(Column::name).containsExactly("id", "name", "email");
        assertThat(read(values, write.rows().get(0))).containsExactly("a", "Ann", null);
        assertThat(read(values, write.rows().get(1))).containsExactly("b", "Bob", "b@x");
        assertThat(values.record(write.rows().get(1))).contains("\"email\":\"b@x\"");
        assertThat(read(values, Map.of("id", "c", "email", "c@x"))).containsExactly("c", null, "c@x");
        assertThat(values.record(Map.of("id", "c"))).isNull();
        assertThat(read(values, write.rows().get(0))).as("a row of an earlier slot version after a later one")
                .containsExactly("a", "Ann", null);
    }

    @Test
    void aLayoutColumnTheRowsNeverHadReadsAsNull() {
        EntityTyper typer = new EntityTyper("customers", List.of("id"), Optional.empty(), START,
                TypingSettings.defaults(63));
        TypedWrite write = typer.type(List.of(Map.of("id", "a")), "run-1");
        RowValues values = new RowValues(write.layout().table().withColumn(
                new Column("later", ColumnType.STRING, "later", "")));

        assertThat(read(values, write.rows().get(0))).containsExactly("a", null);
    }

    private static List<Object> read(RowValues values, Map<String, Object> row) {
        List<Object> read = new ArrayList<>();
        for (int i = 0; i < values.columns().size(); i++) {
            read.add(values.value(row, i));
        }
        return read;
    }
}
