package dev.tributary.runtime.typing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.TypedWrite;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlotRowTest {

    private static final EntityLayout START = EntityLayout.keysOnly("stripe_customers",
            List.of(new Column("id", ColumnType.STRING, "id", "")));

    @Test
    void aRowIsAnUnmodifiableMapOfItsNonNullColumnsEqualToAHashMap() {
        RowSlots slots = RowSlots.of(List.of("id", "_record", "email", "balance"));
        SlotRow row = new SlotRow(slots);
        row.set(slots, 0, "cus_1");
        row.set(slots, 3, 42L);

        assertThat(row).hasSize(2).containsEntry("id", "cus_1").containsEntry("balance", 42L)
                .doesNotContainKey("email").doesNotContainKey("_record").doesNotContainKey("unknown");
        assertThat(row.get(7)).isNull();
        assertThat(row).isEqualTo(Map.of("id", "cus_1", "balance", 42L));
        assertThat(Map.of("id", "cus_1", "balance", 42L)).isEqualTo(row);
        assertThat(row.hashCode()).isEqualTo(Map.of("id", "cus_1", "balance", 42L).hashCode());
        assertThat(row.keySet()).containsExactly("id", "balance");
        assertThatThrownBy(() -> row.put("email", "a@example.com")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> row.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRowGrowsWithItsTablesSlotsAndReadsOlderVersionsSlotsAsNull() {
        RowSlots first = RowSlots.of(List.of("id", "_record"));
        SlotRow old = new SlotRow(first);
        old.set(first, 0, "cus_1");
        RowSlots second = first.with("email");
        SlotRow grown = new SlotRow(first);
        grown.set(second, 2, "a@example.com");

        assertThat(second.covers(first)).isTrue();
        assertThat(first.covers(second)).isFalse();
        assertThat(RowSlots.of(List.of("id", "_record")).covers(first)).as("another table's slots").isFalse();
        assertThat(second.with("email")).isSameAs(second);
        assertThat(grown.slots()).isSameAs(second);
        assertThat(grown).containsExactlyEntriesOf(Map.of("email", "a@example.com"));
        assertThat(old.valueAt(second.slot("email"))).isNull();
        assertThat(second.slot("missing")).isEqualTo(-1);
    }

    @Test
    void typedRowsOfABatchThatAddsColumnsHoldExactlyTheirValues() {
        EntityTyper typer = new EntityTyper("customers", List.of("id"), Optional.empty(), START,
                TypingSettings.defaults(63));

        TypedWrite write = typer.type(List.of(record("id", "a", "n", 1), record("id", "b", "email", "b@x", "n", 2.5),
                record("id", "c")), "run-1");

        assertThat(write.rows()).allSatisfy(row -> assertThat(row).isInstanceOf(SlotRow.class));
        assertThat(withoutRecord(write.rows().get(0))).isEqualTo(Map.of("id", "a", "n", BigDecimal.ONE));
        assertThat(withoutRecord(write.rows().get(1))).isEqualTo(Map.of("id", "b", "email", "b@x", "n",
                new BigDecimal("2.5")));
        assertThat(withoutRecord(write.rows().get(2))).isEqualTo(Map.of("id", "c"));
    }

    private static Map<String, Object> withoutRecord(Map<String, Object> row) {
        assertThat(row).containsKey("_record");
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.remove("_record");
        return copy;
    }

    private static Map<String, Object> record(Object... pairs) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            record.put((String) pairs[i], pairs[i + 1]);
        }
        return record;
    }
}
