package dev.tributary.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaseConnectorTest {

    /** The seed's example connector, translated. */
    static final class MyConnector extends BaseConnector {
        @Override
        public ConnectorMetadata getMetadata() {
            return ConnectorMetadata.builder("my_source")
                    .name("My Data Source")
                    .version("1.0.0")
                    .description("Connector for My Data Source")
                    .supportedEntities("entity1", "entity2")
                    .configFields(ConfigField.builder("api_key", ConfigFieldType.STRING).required().secret().build())
                    .build();
        }

        @Override
        public ConnectionTestResult testConnection() {
            return ConnectionTestResult.success("Connection successful");
        }

        @Override
        public void fetchEntity(FetchOptions options) {
            options.onBatch(List.of(Map.of("id", 1, "key_length", config().requireString("api_key").length())),
                    "done");
            options.onProgress(1, 1);
        }
    }

    private static ConnectorContext context(Config config) {
        return new ConnectorContext() {
            @Override
            public Config config() {
                return config;
            }

            @Override
            public Settings settings() {
                return Settings.DEFAULTS;
            }

            @Override
            public String dataSourceName() {
                return "my_source";
            }

            @Override
            public RateLimiter rateLimiter() {
                return RateLimiter.unlimited();
            }

            @Override
            public System.Logger logger() {
                return System.getLogger("test");
            }
        };
    }

    @Test
    void metadataNeedsNoInitialization() {
        assertThat(new MyConnector().getMetadata().id()).isEqualTo("my_source");
        assertThat(new MyConnector().getAvailableEntities()).extracting(EntityDescriptor::name)
                .containsExactly("entity1", "entity2");
    }

    @Test
    void configurationIsUnavailableBeforeInitialization() {
        MyConnector connector = new MyConnector();

        assertThatThrownBy(() -> connector.fetchEntity(FetchOptions.builder("entity1").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not initialized");
    }

    @Test
    void initializesOnceOnly() {
        MyConnector connector = new MyConnector();
        ConfigSchema schema = connector.getMetadata().configSchema();
        connector.initialize(context(Config.of(Map.of("api_key", "sk_test_canary"), schema)));

        assertThatThrownBy(() -> connector.initialize(context(Config.of(Map.of(), schema))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already initialized");
    }

    @Test
    void configToStringNeverShowsSecrets() {
        ConfigSchema schema = new MyConnector().getMetadata().configSchema();
        Config config = Config.of(Map.of("api_key", "sk_test_canary"), schema);

        assertThat(config.toString()).doesNotContain("sk_test_canary").contains(Config.REDACTED);
        assertThat(config.redacted()).containsEntry("api_key", Config.REDACTED);
        assertThat(config.requireString("api_key")).isEqualTo("sk_test_canary");
    }
}
