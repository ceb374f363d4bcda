package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class StructValuesTest {

    private static final EntitySchema CHARGE = EntitySchema.of(
            SchemaField.string("id").notNull(),
            SchemaField.integer("amount"),
            SchemaField.number("fee"),
            SchemaField.number("rate").withFormat(ValueFormat.DECIMAL_STRING),
            SchemaField.bool("paid"),
            SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS),
            SchemaField.timestamp("updated", ValueFormat.ISO_8601),
            SchemaField.date("due"),
            SchemaField.json("metadata"),
            SchemaField.object("address", SchemaField.string("city"), SchemaField.string("country")),
            SchemaField.array("items", SchemaField.string("sku"), SchemaField.integer("quantity")),
            SchemaField.array("tags"));

    private static final Schema SCHEMA = StructValues.schema("charges", CHARGE);

    @Test
    void theEntitySchemaBecomesAStructWithLogicalTypesNestedStructsAndArrays() {
        assertThat(SCHEMA.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(SCHEMA.name()).isEqualTo("tributary.charges");
        assertThat(SCHEMA.field("id").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(SCHEMA.field("amount").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(SCHEMA.field("fee").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(SCHEMA.field("fee").schema().parameters()).containsEntry(Decimal.SCALE_FIELD, "9");
        assertThat(SCHEMA.field("created").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(SCHEMA.field("due").schema().name()).isEqualTo(org.apache.kafka.connect.data.Date.LOGICAL_NAME);
        assertThat(SCHEMA.field("metadata").schema().name()).isEqualTo(StructValues.JSON_SCHEMA_NAME);
        assertThat(SCHEMA.field("address").schema().type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(SCHEMA.field("address").schema().field("city")).isNotNull();
        assertThat(SCHEMA.field("items").schema().type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(SCHEMA.field("items").schema().valueSchema().field("quantity").schema().type())
                .isEqualTo(Schema.Type.INT64);
        assertThat(SCHEMA.field("tags").schema().name()).isEqualTo(StructValues.JSON_SCHEMA_NAME);
        assertThat(SCHEMA.field(StructValues.EXTRA_FIELD)).isNotNull();
        assertThat(SCHEMA.fields()).allMatch(field -> field.schema().isOptional());
    }

    @Test
    void aRecordBecomesATypedStruct() {
        Struct struct = StructValues.struct(charge(), SCHEMA);
        struct.validate();
        assertThat(struct.get("amount")).isEqualTo(1250L);
        assertThat(struct.get("fee")).isEqualTo(new BigDecimal("0.300000000"));
        assertThat(struct.get("rate")).isEqualTo(new BigDecimal("1250.500000000"));
        assertThat(struct.get("created")).isEqualTo(Date.from(Instant.parse("2024-01-31T10:00:00Z")));
        assertThat(struct.get("updated")).isEqualTo(Date.from(Instant.parse("2024-02-01T08:30:00.250Z")));
        assertThat(struct.get("due")).isEqualTo(Date.from(Instant.parse("2024-03-01T00:00:00Z")));
        assertThat(struct.get("metadata")).isEqualTo("{\"order\":\"7\",\"n\":[1,2]}");
        assertThat(struct.getStruct("address").get("city")).isEqualTo("Lyon");
        assertThat(struct.getArray("items")).hasSize(2);
        assertThat(((Struct) struct.getArray("items").get(1)).get("quantity")).isEqualTo(3L);
        assertThat(struct.get(StructValues.EXTRA_FIELD)).isEqualTo("{\"livemode\":false}");
    }

    @Test
    void valuesThatDoNotFitTheirTypeAndUndeclaredFieldsTravelInTheExtraFieldAndComeBack() {
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("id", "ch_2");
        odd.put("amount", "not a number");
        odd.put("fee", new BigDecimal("0.1234567891"));
        odd.put("created", "yesterday");
        odd.put("address", "a string, not an object");
        odd.put("items", List.of("not", "objects"));
        odd.put("paid", null);
        odd.put("unknown", Map.of("x", 1));
        Struct struct = StructValues.struct(odd, SCHEMA);
        struct.validate();
        assertThat(struct.get("amount")).isNull();
        assertThat(struct.get("fee")).isNull();
        assertThat(struct.get("created")).isNull();
        assertThat(struct.get("address")).isNull();

        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) StructValues.toTributary(struct, SCHEMA);
        assertThat(back).containsEntry("id", "ch_2").containsEntry("amount", "not a number")
                .containsEntry("created", "yesterday").containsEntry("address", "a string, not an object")
                .containsEntry("items", List.of("not", "objects")).containsEntry("unknown", Map.of("x", 1))
                .containsEntry("paid", null).doesNotContainKey(StructValues.EXTRA_FIELD);
        assertThat(new BigDecimal(back.get("fee").toString())).isEqualByComparingTo("0.1234567891");
    }

    @Test
    void aStructSurvivesJsonConverterWithSchemasAndComesBackAsTheRecord() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
        byte[] bytes = converter.fromConnectData("charges", SCHEMA, StructValues.struct(charge(), SCHEMA));
        SchemaAndValue read = converter.toConnectData("charges", bytes);
        assertThat(read.value()).isInstanceOf(Struct.class);

        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) StructValues.toTributary(read.value(), read.schema());
        assertThat(back).containsEntry("id", "ch_1").containsEntry("amount", 1250L).containsEntry("paid", true)
                .containsEntry("created", "2024-01-31T10:00:00Z").containsEntry("updated", "2024-02-01T08:30:00.250Z")
                .containsEntry("due", "2024-03-01").containsEntry("livemode", false)
                .containsEntry("metadata", Map.of("order", "7", "n", List.of(1, 2)))
                .containsEntry("tags", List.of("a", "b"))
                .containsEntry("address", mapOf("city", "Lyon", "country", "FR"))
                .containsEntry("items", List.of(mapOf("sku", "A", "quantity", 1L), mapOf("sku", "B", "quantity", 3L)));
        assertThat((BigDecimal) back.get("fee")).isEqualByComparingTo("0.3");
        assertThat((BigDecimal) back.get("rate")).isEqualByComparingTo("1250.5");
    }

    @Test
    void aSchemalessMapOrAForeignStructStillReadsAsARecord() {
        Schema foreign = org.apache.kafka.connect.data.SchemaBuilder.struct()
                .field("id", Schema.STRING_SCHEMA).field("at", Timestamp.SCHEMA).build();
        Struct struct = new Struct(foreign).put("id", "x").put("at", Date.from(Instant.parse("2024-01-01T00:00:00Z")));
        assertThat(StructValues.toTributary(struct, foreign))
                .isEqualTo(mapOf("id", "x", "at", "2024-01-01T00:00:00Z"));
        assertThat(StructValues.toTributary(Map.of("id", "y"), null)).isEqualTo(Map.of("id", "y"));
    }

    private static Map<String, Object> charge() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "ch_1");
        record.put("amount", 1250);
        record.put("fee", 0.3);
        record.put("rate", "1250.5");
        record.put("paid", true);
        record.put("created", 1706695200);
        record.put("updated", "2024-02-01T08:30:00.250Z");
        record.put("due", "2024-03-01");
        record.put("metadata", mapOf("order", "7", "n", List.of(1, 2)));
        record.put("address", mapOf("city", "Lyon", "country", "FR"));
        record.put("items", List.of(mapOf("sku", "A", "quantity", 1), mapOf("sku", "B", "quantity", 3)));
        record.put("tags", List.of("a", "b"));
        record.put("livemode", false);
        return record;
    }

    private static Map<String, Object> mapOf(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
