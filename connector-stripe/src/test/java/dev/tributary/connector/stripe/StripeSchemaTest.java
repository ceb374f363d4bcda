package dev.tributary.connector.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import dev.tributary.testkit.SchemaConformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StripeSchemaTest {

    private FakeStripe fake;

    @BeforeEach
    void startFake() {
        fake = FakeStripe.start(TestSupport.API_KEY);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @ParameterizedTest
    @EnumSource(StripeEntity.class)
    void everyDeclaredFieldIsInTheServedObjectsWithAValueOfItsType(StripeEntity entity) {
        FakeStripe.Resource resource = FakeStripe.Resource.valueOf(entity.name());
        for (int i = 0; i < 3; i++) {
            fake.create(resource);
        }
        List<Map<String, Object>> records = new ReplicaTable(entity.entityName())
                .sync(TestSupport.connector(fake), 100).batches().get(0).records();

        assertThat(records).hasSize(3);
        assertThat(SchemaConformance.violations(StripeSchemas.of(entity), records)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StripeEntity.class)
    void declaresEveryTopLevelFieldOfItsFixture(StripeEntity entity) {
        JsonObject fixture = FakeStripe.fixture(entity.objectType() + ".json").getAsJsonObject();
        List<String> declared = StripeSchemas.of(entity).fields().stream().map(SchemaField::name).toList();

        assertThat(declared).containsExactlyInAnyOrderElementsOf(fixture.keySet());
    }

    @ParameterizedTest
    @EnumSource(StripeEntity.class)
    void theDescriptorCarriesTheSchemaWithANotNullIdAndEpochCreated(StripeEntity entity) {
        EntitySchema schema = entity.descriptor().schema().orElseThrow();

        assertThat(schema).isEqualTo(StripeSchemas.of(entity));
        assertThat(schema.field("id").orElseThrow().nullable()).isFalse();
        assertThat(schema.field("created").orElseThrow().format()).isEqualTo(ValueFormat.EPOCH_SECONDS);
    }

    @Test
    void customersDeclareIntegerBalanceEpochCreatedAndWholeMetadata() {
        assertThat(StripeSchemas.CUSTOMERS.field("balance").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
        assertThat(StripeSchemas.CUSTOMERS.field("created").orElseThrow().format())
                .isEqualTo(ValueFormat.EPOCH_SECONDS);
        assertThat(StripeSchemas.CUSTOMERS.field("metadata").orElseThrow().type()).isEqualTo(FieldType.JSON);
        assertThat(StripeSchemas.CUSTOMERS.field("address").orElseThrow().fields()).hasSize(6);
    }

    @Test
    void subscriptionItemsAreAnArrayOfObjectsCarryingTheirPrice() {
        SchemaField data = StripeBillingSchemas.SUBSCRIPTIONS.field("items").orElseThrow().field("data")
                .orElseThrow();

        assertThat(data.type()).isEqualTo(FieldType.ARRAY);
        assertThat(data.field("quantity").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
        assertThat(data.field("price").orElseThrow().field("unit_amount").orElseThrow().type())
                .isEqualTo(FieldType.INTEGER);
    }

    @Test
    void amountsAreIntegersAndDecimalAmountsAreDecimalStrings() {
        assertThat(List.of(type(StripeChargeSchemas.CHARGES, "amount"),
                type(StripeBillingSchemas.INVOICES, "amount_due"), type(StripeCatalogSchemas.PRICES, "unit_amount"),
                type(StripeCatalogSchemas.PLANS, "amount"))).containsOnly(FieldType.INTEGER);
        assertThat(StripeCatalogSchemas.PRICES.field("unit_amount_decimal").orElseThrow().format())
                .isEqualTo(ValueFormat.DECIMAL_STRING);
    }

    private static FieldType type(EntitySchema schema, String field) {
        return schema.field(field).orElseThrow().type();
    }
}
