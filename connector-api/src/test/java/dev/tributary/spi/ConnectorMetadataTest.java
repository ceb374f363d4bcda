package dev.tributary.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorMetadataTest {

    @Test
    void buildsTheSeedExampleWithStringEntities() {
        ConnectorMetadata metadata = ConnectorMetadata.builder("my_source")
                .name("My Data Source")
                .version("1.0.0")
                .description("Connector for My Data Source")
                .supportedEntities("entity1", "entity2")
                .build();

        assertThat(metadata.supportedEntities()).extracting(EntityDescriptor::name)
                .containsExactly("entity1", "entity2");
        assertThat(metadata.supportedEntities()).allSatisfy(e -> assertThat(e.primaryKey()).containsExactly("id"));
        assertThat(metadata.icon()).isEmpty();
        assertThat(metadata.entity("entity2")).isPresent();
    }

    @Test
    void rejectsIdsThatCannotPrefixTables() {
        assertThatThrownBy(() -> ConnectorMetadata.builder("My-Source").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'My-Source'")
                .hasMessageContaining("[a-z][a-z0-9_]*");
    }

    @Test
    void rejectsDuplicateEntitiesAndFields() {
        assertThatThrownBy(() -> ConnectorMetadata.builder("x").supportedEntities("a", "a").build())
                .hasMessageContaining("entity 'a' twice");
        ConfigField key = ConfigField.builder("api_key", ConfigFieldType.STRING).build();
        assertThatThrownBy(() -> ConnectorMetadata.builder("x").configFields(key, key).build())
                .hasMessageContaining("'api_key' is declared twice");
    }

    @Test
    void requiredFieldCannotHaveDefault() {
        assertThatThrownBy(() -> ConfigField.builder("url", ConfigFieldType.URL).required().defaultValue("x").build())
                .hasMessageContaining("'url' is required");
    }

    @Test
    void entityWithCursorFieldIsIncremental() {
        EntityDescriptor entity = EntityDescriptor.of("customers").withCursorField("created");

        assertThat(entity.isIncremental()).isTrue();
        assertThat(entity.withPrimaryKey("org", "id").primaryKey()).isEqualTo(List.of("org", "id"));
    }
}
