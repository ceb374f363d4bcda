package dev.tributary.runtime.typing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void camelCaseAccentsAndPunctuationBecomeSnakeCase() {
        assertThat(Identifiers.normalise("createdAt", 63)).isEqualTo("created_at");
        assertThat(Identifiers.normalise("HTTPStatus", 63)).isEqualTo("http_status");
        assertThat(Identifiers.normalise("Café Crème", 63)).isEqualTo("cafe_creme");
        assertThat(Identifiers.normalise("price (EUR)!", 63)).isEqualTo("price_eur");
    }

    @Test
    void systemNamesReservedWordsDigitsAndEmptyNamesAreKeptApart() {
        assertThat(Identifiers.normalise("_record", 63)).isEqualTo("record");
        assertThat(Identifiers.normalise("_synced_at", 63)).isEqualTo("synced_at");
        assertThat(Identifiers.normalise("order", 63)).isEqualTo("f_order");
        assertThat(Identifiers.normalise("3ds", 63)).isEqualTo("f_3ds");
        assertThat(Identifiers.normalise("日本", 63)).isEqualTo("field");
    }

    @Test
    void longNamesEndWithAStableHashAndStayDistinct() {
        String a = "x".repeat(299) + "a";
        String b = "x".repeat(299) + "b";
        String first = Identifiers.normalise(a, 63);
        assertThat(first).hasSize(63).isEqualTo(Identifiers.normalise(a, 63)).matches("x{54}_[0-9a-f]{8}");
        assertThat(Identifiers.normalise(b, 63)).hasSize(63).isNotEqualTo(first);
    }
}
