package dev.tributary.connector.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RawJsonTest {

    @Test
    void keepsNullsUnknownFieldsOrderAndExactNumbers() {
        Map<String, Object> object = RawJson.parseObject("{\"id\":\"cus_1\",\"email\":null,"
                + "\"brand_new_field\":{\"nested\":[1,null,true]},\"created\":1800000000,"
                + "\"huge\":123456789012345678901234567890,\"percent_off\":12.5}");

        assertThat(object).containsKeys("id", "email", "brand_new_field", "created", "huge", "percent_off")
                .containsEntry("email", null).containsEntry("created", 1_800_000_000L)
                .containsEntry("huge", new BigInteger("123456789012345678901234567890"))
                .containsEntry("percent_off", new BigDecimal("12.5"));
        assertThat(object.keySet()).containsExactly("id", "email", "brand_new_field", "created", "huge",
                "percent_off");
        assertThat(object.get("brand_new_field")).isEqualTo(Map.of("nested", java.util.Arrays.asList(1L, null, true)));
    }

    @Test
    void readsTheFixtureCustomerCompletely() {
        String text = FakeStripe.fixture("customer.json").toString();
        Map<String, Object> customer = RawJson.parseObject(text);

        assertThat(customer).containsEntry("id", "cus_QXg1o8vcGmoR32").containsEntry("default_source", null)
                .containsEntry("preferred_locales", List.of());
        assertThat(customer).hasSize(FakeStripe.fixture("customer.json").getAsJsonObject().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1", "{\"a\":1} trailing", "{'a':1}", "{a:1}", "[1,2]", "", "null",
        "{\"a\":NaN}"})
    void rejectsMalformedOrNonObjectText(String text) {
        assertThatThrownBy(() -> RawJson.parseObject(text)).isInstanceOf(RawJson.MalformedJsonException.class);
    }
}
