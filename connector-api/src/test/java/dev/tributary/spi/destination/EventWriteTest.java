package dev.tributary.spi.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventWriteTest {

    private static final EntityTable CUSTOMERS = new EntityTable("shop", "customers", List.of("id"), "shop");
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final EntityLayout LAYOUT = EntityLayout.keysOnly("shop_customers",
            List.of(new Column("id", ColumnType.STRING, "id", "")));

    @Test
    void aChangeBuiltTheFirstWayHasNoTypedForm() {
        EventWrite.TableChange change = new EventWrite.TableChange(CUSTOMERS, List.of(Map.of("id", "cus_1")),
                List.of());

        assertThat(change.typed()).isEmpty();
    }

    @Test
    void theTypedFormHoldsOneRowPerRecord() {
        EventWrite.TableChange change = new EventWrite.TableChange(CUSTOMERS, List.of(Map.of("id", "cus_1")),
                List.of());
        TypedWrite typed = new TypedWrite(LAYOUT, List.of(), List.of(Map.of("id", "cus_1")), Map.of(), "webhook");

        assertThat(change.withTyped(typed).typed()).contains(typed);
        assertThatThrownBy(() -> change.withTyped(new TypedWrite(LAYOUT, List.of(), List.of(), Map.of(), "webhook")))
                .hasMessageContaining("0 rows for 1 records");
    }

    @Test
    void withChangesKeepsTheEventsIdsAndTimes() {
        EventWrite event = new EventWrite("shop", "evt_1", T, T.plusSeconds(1), List.of(new EventWrite.TableChange(
                CUSTOMERS, List.of(), List.of(Map.of("id", "cus_1")))));
        EventWrite.TableChange other = new EventWrite.TableChange(CUSTOMERS, List.of(), List.of(), Optional.empty());

        EventWrite changed = event.withChanges(List.of(other));

        assertThat(changed).isEqualTo(new EventWrite("shop", "evt_1", T, T.plusSeconds(1), List.of(other)));
    }
}
