package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordBuilderTest {

    @Test
    void keepsNullsAndFieldOrder() {
        assertThat(RecordBuilder.of("id", 1, "coupon", null, "name", "x").keySet())
                .containsExactly("id", "coupon", "name");
        assertThat(RecordBuilder.record().put("coupon", null).build()).containsEntry("coupon", null);
    }

    @Test
    void rejectsArgumentsThatAreNotNameValuePairs() {
        assertThatThrownBy(() -> RecordBuilder.of("id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pairs");
        assertThatThrownBy(() -> RecordBuilder.of(1, "id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field name");
    }
}
