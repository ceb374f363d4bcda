package dev.tributary.connector.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomFieldSchemasTest {

    private static Map<String, Object> definition(String id, String type, boolean multiple) {
        Map<String, Object> definition = new LinkedHashMap<>(CloseFixtures.object("custom_field.json"));
        definition.put("id", id);
        definition.put("type", type);
        definition.put("accepts_multiple_values", multiple);
        return definition;
    }

    @ParameterizedTest
    @CsvSource({
            "text, false, STRING, DEFAULT",
            "choices, false, STRING, DEFAULT",
            "user, false, STRING, DEFAULT",
            "contact, false, STRING, DEFAULT",
            "number, false, NUMBER, DEFAULT",
            "date, false, DATE, ISO_8601",
            "datetime, false, TIMESTAMP, ISO_8601",
            "choices, true, ARRAY, DEFAULT",
            "user, true, ARRAY, DEFAULT",
            "some_future_type, false, JSON, DEFAULT"})
    void typesEachFieldFromItsDefinition(String type, boolean multiple, FieldType expected, ValueFormat format) {
        SchemaField field = CustomFieldSchemas.fields(List.of(definition("cf_x", type, multiple))).get(0);

        assertThat(field.name()).isEqualTo("custom.cf_x");
        assertThat(field.type()).isEqualTo(expected);
        assertThat(field.format()).isEqualTo(format);
        assertThat(field.nullable()).isTrue();
        assertThat(field.fields()).isEmpty();
    }

    @Test
    void namesTheFieldInTheDescription() {
        SchemaField field = CustomFieldSchemas.fields(List.of(CloseFixtures.object("custom_field.json"))).get(0);

        assertThat(field.description())
                .isEqualTo("Custom field 'Plan Tier' (choices): Commercial tier quoted to the lead.");
    }

    @Test
    void declaresADefinitionListedTwiceOnceAndSkipsOnesWithoutId() {
        Map<String, Object> noId = definition("cf_y", "text", false);
        noId.remove("id");

        List<SchemaField> fields = CustomFieldSchemas.fields(List.of(definition("cf_a", "text", false),
                definition("cf_a", "number", false), noId, definition("cf_b", "date", false)));

        assertThat(fields).extracting(SchemaField::name).containsExactly("custom.cf_a", "custom.cf_b");
        assertThat(fields.get(0).type()).isEqualTo(FieldType.STRING);
    }
}
