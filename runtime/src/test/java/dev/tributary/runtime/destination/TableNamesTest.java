package dev.tributary.runtime.destination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.EntityTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableNamesTest {

    @Test
    void tableNameIsThePrefixAndEntitySanitised() {
        TableNames names = TableNames.of(new EntityTable("My Stripe", "balance-transactions", List.of("ID"), "x"));

        assertThat(names.live()).isEqualTo("my_stripe_balance_transactions");
        assertThat(names.staging()).isEqualTo("my_stripe_balance_transactions__staging");
        assertThat(names.keyColumns()).containsExactly("id");
    }

    @Test
    void longNamesLeaveRoomForTheStagingSuffixWithinPostgresLimits() {
        TableNames names = TableNames.of(new EntityTable("p".repeat(80), "e", List.of("id"), "x"));

        assertThat(names.staging().length()).isLessThanOrEqualTo(63);
    }

    @Test
    void longNamesSharingTheirFirst50CharactersStayDistinct() {
        String common = "customer_subscription_schedule_phase_item_discount_";
        TableNames first = TableNames.of(new EntityTable("stripe", common + "amounts", List.of("id"), "x"));
        TableNames second = TableNames.of(new EntityTable("stripe", common + "coupons", List.of("id"), "x"));

        assertThat(first.live()).isNotEqualTo(second.live()).hasSize(50)
                .startsWith("stripe_customer_subscription_schedule_pha_").matches(".*_[0-9a-f]{8}");
        assertThat(second.live()).hasSize(50);
        assertThat(TableNames.of(new EntityTable("stripe", common + "amounts", List.of("id"), "x")).live())
                .as("the same entity always gets the same table").isEqualTo(first.live());
    }

    @Test
    void namesStartingWithADigitGetAPrefix() {
        assertThat(TableNames.sanitise("3d")).isEqualTo("t_3d");
    }
}
