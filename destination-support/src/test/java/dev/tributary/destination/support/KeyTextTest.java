package dev.tributary.destination.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyTextTest {

    @Test
    void writesWholeNumbersWithoutFraction() {
        assertThat(KeyText.of(Map.of("id", 42.0), "id", "customers")).isEqualTo("42");
        assertThat(KeyText.of(Map.of("id", 42.0f), "id", "customers")).isEqualTo("42");
        assertThat(KeyText.of(Map.of("id", new BigDecimal("1E+3")), "id", "customers")).isEqualTo("1000");
        assertThat(KeyText.of(Map.of("id", 42L), "id", "customers")).isEqualTo("42");
    }

    @Test
    void keepsFractionsAndTextAsTheyAre() {
        assertThat(KeyText.of(Map.of("id", new BigDecimal("42.50")), "id", "customers")).isEqualTo("42.5");
        assertThat(KeyText.of(Map.of("id", "cus_1"), "id", "customers")).isEqualTo("cus_1");
        assertThat(KeyText.of(Map.of("id", true), "id", "customers")).isEqualTo("true");
    }

    @Test
    void joinsTheKeyTextsOfACompositeKeyInOrder() {
        Map<String, Object> line = Map.of("order", 7.0, "sku", "a", "qty", 1L);
        assertThat(KeyText.rowKey(line, List.of("order", "sku"), "lines")).isEqualTo("7\u0000a");
        assertThat(KeyText.rowKey(line, List.of("sku"), "lines")).isEqualTo("a");
        assertThatThrownBy(() -> KeyText.rowKey(line, List.of("order", "id"), "lines"))
                .hasMessageContaining("'lines'").hasMessageContaining("'id'");
    }

    @Test
    void refusesMissingAndNullKeysNamingEntityAndField() {
        assertThatThrownBy(() -> KeyText.of(Map.of("name", "x"), "id", "customers"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'customers'").hasMessageContaining("'id'");
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put("id", null);
        assertThatThrownBy(() -> KeyText.of(nullKey, "id", "orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'orders'");
    }
}
