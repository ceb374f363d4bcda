package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.config.ConfigSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeConnectorContextTest {

    private static final ConfigSchema SCHEMA = new ConfigSchema(List.of(
            ConfigField.builder("api_key", ConfigFieldType.STRING).required().secret().build(),
            ConfigField.builder("page_size", ConfigFieldType.INTEGER).defaultValue("50").build(),
            ConfigField.builder("sandbox", ConfigFieldType.BOOLEAN).defaultValue("false").build(),
            ConfigField.builder("region", ConfigFieldType.STRING).build()));

    @Test
    void fillsDefaultsAndConvertsTextAsTheRuntimeDoes() {
        Config config = FakeConnectorContext.configFor(SCHEMA, Map.of("api_key", "k-123456", "sandbox", "TRUE"));

        assertThat(config.asMap()).containsEntry("page_size", 50L).containsEntry("sandbox", true)
                .doesNotContainKey("region");
        assertThat(config.toString()).doesNotContain("k-123456");
    }

    @Test
    void keepsValuesThatDoNotParseSoConnectorsCanBeTestedOnThem() {
        Config config = FakeConnectorContext.configFor(SCHEMA, Map.of("api_key", "k", "page_size", "many"));

        assertThat(config.get("page_size")).contains("many");
    }
}
