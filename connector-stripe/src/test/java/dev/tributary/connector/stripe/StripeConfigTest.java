package dev.tributary.connector.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StripeConfigTest {

    private static final String CANARY = "CanarySecret77";

    private static StripeConnector initialize(Map<String, Object> values) {
        return TestSupport.initialized(values, Clock.systemUTC(), RateLimiter.unlimited());
    }

    @Test
    void missingKeyNamesTheField() {
        assertThatThrownBy(() -> initialize(Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("api_key"))
                .hasMessageContaining("is required");
    }

    @ParameterizedTest
    @CsvSource({
        "pk_test_" + CANARY + ", publishable key",
        "xk_live_" + CANARY + ", must be a secret key",
        CANARY + ", must be a secret key",
        "'sk_test_ " + CANARY + "', must not contain spaces"})
    void unusableKeyIsRejectedWithoutShowingIt(String key, String reason) {
        assertThatThrownBy(() -> initialize(Map.of(StripeConfig.API_KEY, key)))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("api_key"))
                .hasMessageContaining(reason).hasMessageNotContaining(CANARY);
    }

    @ParameterizedTest
    @CsvSource({"sk_test_abc", "sk_live_abc", "rk_live_abc", "rk_test_abc"})
    void secretAndRestrictedKeysAreAccepted(String key) {
        assertThat(StripeConfig.from(config(Map.of(StripeConfig.API_KEY, key))).apiKey()).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"ftp://files.example.com", "not a url", "/relative/path", "https://api.stripe.com/v1",
        "http://localhost:1234/?x=1"})
    void unusableBaseUrlNamesTheField(String url) {
        Map<String, Object> values = new HashMap<>();
        values.put(StripeConfig.API_KEY, "sk_test_" + CANARY);
        values.put(StripeConfig.API_BASE_URL, url);

        assertThatThrownBy(() -> initialize(values)).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.field()).isEqualTo("api_base_url")).hasMessageNotContaining(CANARY);
    }

    @Test
    void baseUrlDefaultsToStripeAndLosesItsTrailingSlash() {
        assertThat(StripeConfig.from(config(Map.of(StripeConfig.API_KEY, "sk_test_x"))).apiBase())
                .isEqualTo("https://api.stripe.com");
        assertThat(StripeConfig.from(config(Map.of(StripeConfig.API_KEY, "sk_test_x",
                StripeConfig.API_BASE_URL, "http://127.0.0.1:8080/"))).apiBase()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void connectedAccountMustBeAnAccountId() {
        assertThatThrownBy(() -> initialize(Map.of(StripeConfig.API_KEY, "sk_test_x",
                StripeConfig.STRIPE_ACCOUNT, "cus_123")))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("stripe_account"));
    }

    @Test
    void toStringNeverShowsTheKey() {
        StripeConfig config = StripeConfig.from(config(Map.of(StripeConfig.API_KEY, "sk_live_" + CANARY)));

        assertThat(config.toString()).doesNotContain(CANARY).contains("********");
        assertThat(config.mode()).isEqualTo("live");
    }

    private static dev.tributary.spi.config.Config config(Map<String, Object> values) {
        return dev.tributary.spi.config.Config.of(values, new StripeConnector().getMetadata().configSchema());
    }
}
