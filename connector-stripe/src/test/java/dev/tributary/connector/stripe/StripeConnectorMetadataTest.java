package dev.tributary.connector.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class StripeConnectorMetadataTest {

    private final ConnectorMetadata metadata = new StripeConnector().getMetadata();

    @Test
    void isRegisteredAsAServiceWithIdStripe() {
        assertThat(ServiceLoader.load(BaseConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(StripeConnector.class);
        assertThat(metadata.id()).isEqualTo("stripe");
        assertThat(metadata.name()).isEqualTo("Stripe");
    }

    @Test
    void declaresEveryEntityWithPrimaryKeyIdAndCursorCreated() {
        assertThat(metadata.supportedEntities()).extracting(EntityDescriptor::name).containsExactly(
                "customers", "subscriptions", "charges", "invoices", "products", "plans", "prices");
        assertThat(metadata.supportedEntities()).allSatisfy(entity -> {
            assertThat(entity.primaryKey()).isEqualTo(List.of("id"));
            assertThat(entity.cursorField()).isEqualTo(Optional.of("created"));
            assertThat(entity.description()).isNotBlank();
        });
    }

    @Test
    void declaresTheConfigFields() {
        List<ConfigField> fields = metadata.configSchema().fields();
        assertThat(fields).extracting(ConfigField::name).containsExactly("api_key", "api_base_url", "stripe_account",
                "webhook_secret");
        assertThat(fields.get(0)).satisfies(key -> {
            assertThat(key.required()).isTrue();
            assertThat(key.secret()).isTrue();
        });
        assertThat(fields.get(1).type()).isEqualTo(ConfigFieldType.URL);
        assertThat(fields.get(1).required()).isFalse();
        assertThat(fields.get(2).required()).isFalse();
        assertThat(fields.get(3).required()).isFalse();
        assertThat(fields.get(3).secret()).isTrue();
    }

    @Test
    void iconIsAnSvgNextToTheClass() throws IOException {
        String icon = metadata.icon().orElseThrow();
        try (InputStream in = StripeConnector.class.getResourceAsStream(icon)) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("<svg").contains("</svg>");
        }
    }

    @Test
    void everyEntityListensToAtMostTwentyEventTypes() {
        assertThat(StripeEntity.values()).allSatisfy(entity -> assertThat(entity.eventTypes())
                .hasSizeBetween(1, 20).allMatch(type -> type.startsWith(entity == StripeEntity.SUBSCRIPTIONS
                        ? "customer.subscription." : entity.objectType() + ".")));
    }
}
