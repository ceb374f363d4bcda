package dev.tributary.destination.support;

import static dev.tributary.destination.support.Layouts.entity;
import static dev.tributary.destination.support.Layouts.items;
import static dev.tributary.destination.support.Layouts.orders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.TypedWrite;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypedRowsKeptTest {

    private static final TypedWrite WRITE = new TypedWrite(entity(orders(), items()), List.of(),
            List.of(Map.of("id", "o1"), Map.of("id", "o2"), Map.of("id", "o3")),
            Map.of("shop_orders__items", List.of(item("o1", 0), item("o2", 0), item("o2", 1), item("o3", 0))),
            "run-1");

    private static Map<String, Object> item(String parent, int index) {
        return Map.of("_parent_id", parent, "_index", (long) index);
    }

    @Test
    void keepsTheRowsAtTheIndexesWithOnlyTheirChildRows() {
        TypedWrite kept = TypedRowsKept.of(WRITE, List.of(1, 2));

        assertThat(kept.rows()).containsExactly(Map.of("id", "o2"), Map.of("id", "o3"));
        assertThat(kept.childRows().get("shop_orders__items"))
                .containsExactly(item("o2", 0), item("o2", 1), item("o3", 0));
        assertThat(kept.layout()).isEqualTo(WRITE.layout());
        assertThat(kept.runId()).isEqualTo("run-1");
    }

    @Test
    void keepingNoRowKeepsNoChildRow() {
        TypedWrite kept = TypedRowsKept.of(WRITE, List.of());

        assertThat(kept.rows()).isEmpty();
        assertThat(kept.childRows().get("shop_orders__items")).isEmpty();
    }

    @Test
    void keepingEveryRowReturnsTheWriteItself() {
        assertThat(TypedRowsKept.of(WRITE, List.of(0, 1, 2))).isSameAs(WRITE);
    }
}
