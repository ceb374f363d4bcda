package dev.tributary.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.config.ConfigSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static final ConfigSchema SCHEMA = new ConfigSchema(List.of(
            ConfigField.builder("api_key", ConfigFieldType.STRING).required().secret().build(),
            ConfigField.builder("api_base_url", ConfigFieldType.URL).defaultValue("https://api.example.com").build(),
            ConfigField.builder("page_size", ConfigFieldType.INTEGER).build(),
            ConfigField.builder("verbose", ConfigFieldType.BOOLEAN).build(),
            ConfigField.builder("headers", ConfigFieldType.OBJECT).secret().build(),
            ConfigField.builder("queries", ConfigFieldType.LIST).build()));

    private final ConfigValidator validator = new ConfigValidator();

    @Test
    void convertsTextToDeclaredTypesAndFillsDefaults() {
        Config config = validator.validate("demo", SCHEMA, Map.of(
                "api_key", "sk_test_canary", "page_size", "50", "verbose", "TRUE",
                "headers", "{\"Authorization\":\"Bearer x\"}", "queries", "[{\"name\":\"people\"}]"));

        assertThat(config.asMap())
                .containsEntry("api_base_url", "https://api.example.com")
                .containsEntry("page_size", 50L)
                .containsEntry("verbose", true)
                .containsEntry("headers", Map.of("Authorization", "Bearer x"))
                .containsEntry("queries", List.of(Map.of("name", "people")));
    }

    @Test
    void namesEveryMissingUnknownAndMalformedFieldWithoutValues() {
        assertThatThrownBy(() -> validator.validate("demo", SCHEMA, Map.of(
                "page_size", "fifty", "verbose", "sk_secret_value", "colour", "blue",
                "api_base_url", "ftp://nope", "headers", "{not json")))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::field)
                        .containsExactlyInAnyOrder("colour", "api_key", "api_base_url", "page_size", "verbose",
                                "headers"))
                .hasMessageContaining("api_key: is required")
                .hasMessageContaining("page_size: must be a whole number")
                .hasMessageContaining("headers: must be a JSON object (JSON syntax error at line 1")
                .hasMessageNotContaining("sk_secret_value")
                .hasMessageNotContaining("fifty");
    }

    @Test
    void redactsSecretsWhenPrinted() {
        Config config = validator.validate("demo", SCHEMA, Map.of("api_key", "sk_test_canary"));

        assertThat(config.toString()).contains("api_key=********").doesNotContain("sk_test_canary");
    }
}
