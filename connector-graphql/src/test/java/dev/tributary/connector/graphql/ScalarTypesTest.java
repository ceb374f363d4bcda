package dev.tributary.connector.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.ValueFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The name rules and formats of {@link ScalarTypes}. */
class ScalarTypesTest {

    private static ScalarTypes configured(Map<String, Object> types) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("endpoint", "https://api.example.com/graphql");
        values.put("queries", List.of(QueryConfigs.cursorPeople()));
        values.put(ScalarTypes.FIELD, types);
        return ScalarTypes.from(Config.of(values, new GraphqlConnector().getMetadata().configSchema()));
    }

    private final ScalarTypes byName = new ScalarTypes(Map.of());

    @Test
    void wholeNumberScalarsAreIntegersReadFromTextOrNumbers() {
        for (String name : List.of("BigInt", "BigInteger", "Long", "Int64", "Short", "Byte")) {
            assertThat(byName.typeOf(name)).as(name).isEqualTo(FieldType.INTEGER);
            assertThat(byName.formatOf(name)).as(name).isEqualTo(ValueFormat.DECIMAL_STRING);
        }
    }

    @Test
    void decimalScalarsAreNumbersReadFromTextOrNumbers() {
        for (String name : List.of("Decimal", "BigDecimal")) {
            assertThat(byName.typeOf(name)).as(name).isEqualTo(FieldType.NUMBER);
            assertThat(byName.formatOf(name)).as(name).isEqualTo(ValueFormat.DECIMAL_STRING);
        }
    }

    @Test
    void builtInScalarsKeepTheirNaturalShape() {
        assertThat(byName.typeOf("Int")).isEqualTo(FieldType.INTEGER);
        assertThat(byName.formatOf("Int")).isEqualTo(ValueFormat.DEFAULT);
        assertThat(byName.typeOf("Float")).isEqualTo(FieldType.NUMBER);
        assertThat(byName.formatOf("Float")).isEqualTo(ValueFormat.DEFAULT);
        assertThat(byName.formatOf("String")).isEqualTo(ValueFormat.DEFAULT);
        assertThat(byName.formatOf("DateTime")).isEqualTo(ValueFormat.DEFAULT);
    }

    @Test
    void aNameThatOnlyContainsBigIntIsNotGuessed() {
        assertThat(byName.typeOf("BigIntRange")).isEqualTo(FieldType.STRING);
        assertThat(byName.formatOf("BigIntRange")).isEqualTo(ValueFormat.DEFAULT);
    }

    @Test
    void configuredNumericScalarsAreReadExactlyAndConfigurationWinsOverNames() {
        ScalarTypes types = configured(Map.of("Money", "number", "BigInt", "number", "Decimal", "string"));

        assertThat(types.typeOf("Money")).isEqualTo(FieldType.NUMBER);
        assertThat(types.formatOf("Money")).isEqualTo(ValueFormat.DECIMAL_STRING);
        assertThat(types.typeOf("BigInt")).isEqualTo(FieldType.NUMBER);
        assertThat(types.typeOf("Decimal")).isEqualTo(FieldType.STRING);
        assertThat(types.formatOf("Decimal")).isEqualTo(ValueFormat.DEFAULT);
    }
}
