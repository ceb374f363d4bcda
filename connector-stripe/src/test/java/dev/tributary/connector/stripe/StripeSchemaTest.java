package dev.tributary.connector.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.ValueFormat;
import dev.tributary.testkit.SchemaConformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    @Test
    void everyDeclaredCustomerFieldIsInTheServedCustomersWithAValueOfItsType() {
        for (int i = 0; i < 5; i++) {
            fake.create(FakeStripe.Resource.CUSTOMERS);
        }
        List<Map<String, Object>> records = new ReplicaTable("customers").sync(TestSupport.connector(fake), 100)
                .batches().get(0).records();

        assertThat(records).hasSize(5);
        assertThat(SchemaConformance.violations(StripeSchemas.CUSTOMERS, records)).isEmpty();
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
    void theCustomersDescriptorCarriesTheSchemaAndOtherEntitiesDeclareNoneYet() {
        assertThat(StripeEntity.CUSTOMERS.descriptor().schema()).contains(StripeSchemas.CUSTOMERS);
        assertThat(StripeEntity.CHARGES.descriptor().schema()).isEmpty();
    }
}
