package dev.tributary.connector.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.ratelimit.RequestBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CloseConnectorMetadataTest {

    private final ConnectorMetadata metadata = new CloseConnector().getMetadata();

    @Test
    void isFoundByServiceLoader() {
        List<BaseConnector> connectors = ServiceLoader.load(BaseConnector.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(connectors).hasAtLeastOneElementOfType(CloseConnector.class);
    }

    @Test
    void describesConnectorWithoutInitialization() {
        assertThat(metadata.id()).isEqualTo("close");
        assertThat(metadata.name()).isEqualTo("Close");
        assertThat(metadata.supportedEntities()).extracting(EntityDescriptor::name).containsExactly(
                "leads", "opportunities", "activities", "contacts", "users", "custom_fields");
    }

    @Test
    void declaresCursorFieldsWhereCloseCanFilterByDate() {
        assertThat(metadata.entity("leads").orElseThrow().cursorField()).contains("date_updated");
        assertThat(metadata.entity("opportunities").orElseThrow().cursorField()).contains("date_updated");
        assertThat(metadata.entity("activities").orElseThrow().cursorField()).contains("date_created");
        assertThat(metadata.entity("contacts").orElseThrow().cursorField()).isEmpty();
        assertThat(metadata.entity("users").orElseThrow().cursorField()).isEmpty();
        assertThat(metadata.entity("custom_fields").orElseThrow().cursorField()).isEmpty();
    }

    @Test
    void keysRecordsById() {
        assertThat(metadata.supportedEntities()).filteredOn(e -> !e.name().equals("custom_fields"))
                .allSatisfy(e -> assertThat(e.primaryKey()).containsExactly("id"));
        assertThat(metadata.entity("custom_fields").orElseThrow().primaryKey())
                .containsExactly("_custom_field_kind", "id");
    }

    @Test
    void declaresSecretApiKeyAndOptionalBaseUrl() {
        ConfigField apiKey = metadata.configSchema().field("api_key").orElseThrow();
        ConfigField baseUrl = metadata.configSchema().field("api_base_url").orElseThrow();

        assertThat(apiKey.required()).isTrue();
        assertThat(apiKey.secret()).isTrue();
        assertThat(baseUrl.required()).isFalse();
        assertThat(baseUrl.type()).isEqualTo(ConfigFieldType.URL);
        assertThat(baseUrl.defaultValue()).isEqualTo(Optional.of("https://api.close.com/api/v1/"));
    }

    @Test
    void shipsSvgIconNextToConnectorClass() throws IOException {
        String icon = metadata.icon().orElseThrow();
        try (InputStream in = CloseConnector.class.getResourceAsStream(icon)) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("<svg");
        }
    }

    @Test
    void declaresCloseDocumentedAllowanceWithHeadroomAsItsBudget() {
        RequestBudget budget = new CloseConnector().defaultRequestBudget().orElseThrow();

        assertThat(budget.requestsPerSecond()).isEqualTo(16);
        assertThat(budget.basis()).contains("20 requests/s per API key");
    }
}
