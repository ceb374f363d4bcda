package dev.tributary.connector.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.testkit.FakeConnectorContext;
import dev.tributary.testkit.RecordingBatches;
import dev.tributary.testkit.SchemaConformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleSchemaTest {

    private static EntitySchema declared(String entity) {
        return new SampleConnector().getMetadata().supportedEntities().stream()
                .filter(e -> e.name().equals(entity)).findFirst().flatMap(EntityDescriptor::schema).orElseThrow();
    }

    private static List<Map<String, Object>> generated(String entity) {
        SampleConnector connector = new SampleConnector();
        connector.initialize(FakeConnectorContext.of(connector, Map.of("records", 500)));
        RecordingBatches batches = new RecordingBatches();
        connector.fetchEntity(FetchOptions.builder(entity).onBatch(batches).build());
        return batches.records();
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers", "orders"})
    void everyDeclaredFieldIsInEveryGeneratedRecordWithAValueOfItsType(String entity) {
        assertThat(SchemaConformance.violations(declared(entity), generated(entity))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers", "orders"})
    void theSchemaDeclaresEveryFieldOfEveryGeneratedRecordInItsOrder(String entity) {
        List<String> names = declared(entity).fields().stream().map(SchemaField::name).toList();
        List<Map<String, Object>> records = generated(entity);

        assertThat(records).hasSize(500)
                .allSatisfy(record -> assertThat(record.keySet()).containsExactlyElementsOf(names));
    }

    @Test
    void orderAmountsAreIntegersAndCreatedIsATimestamp() {
        EntitySchema orders = declared("orders");

        assertThat(orders.field("amount").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
        assertThat(orders.field("created").orElseThrow().type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(orders.field("coupon").orElseThrow().nullable()).isTrue();
    }
}
