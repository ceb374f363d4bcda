package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.config.SchemaContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** {@code tributary.settings.<name>} on the source and the sink: both spellings, and errors naming the property. */
class SettingPropertiesTest {

    @Test
    void theSourceTakesEachTwoWordSettingInBothSpellings() {
        SourceConfig snake = SourceConfig.parse(source(Map.of("tributary.settings.batch_size", "7",
                "tributary.settings.requests_per_second", "3", "tributary.settings.max_retries", "2",
                "tributary.settings.look_back", "30s")));
        SourceConfig camel = SourceConfig.parse(source(Map.of("tributary.settings.batchSize", "7",
                "tributary.settings.requestsPerSecond", "3", "tributary.settings.maxRetries", "2",
                "tributary.settings.lookBack", "30s")));
        assertThat(snake.settings()).isEqualTo(camel.settings());
        assertThat(snake.settings().batchSize()).isEqualTo(7);
        assertThat(snake.settings().requestsPerSecond()).isEqualTo(3.0);
        assertThat(snake.settings().maxRetries()).isEqualTo(2);
        assertThat(snake.rateSet()).isTrue();
        assertThat(camel.rateSet()).isTrue();
        assertThat(SourceConfig.parse(source(Map.of())).rateSet()).isFalse();
        SourceConfig typing = SourceConfig.parse(source(Map.of("tributary.settings.schemaContract", "freeze",
                "tributary.settings.keepRawRecord", "false", "tributary.settings.maxNestingDepth", "2")));
        assertThat(typing.settings().schemaContract()).isEqualTo(SchemaContract.FREEZE);
        assertThat(typing.settings().keepRawRecord()).isFalse();
        assertThat(typing.settings().maxNestingDepth()).isEqualTo(2);
    }

    @Test
    void bothSpellingsOfOneSettingAtOnceAreRefusedNamingBoth() {
        assertThatThrownBy(() -> SourceConfig.parse(source(Map.of("tributary.settings.batchSize", "7",
                "tributary.settings.batch_size", "7"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tributary.settings.batchSize")
                .hasMessageContaining("tributary.settings.batch_size")
                .hasMessageContaining("keep one of them");
        assertThatThrownBy(() -> SinkConfig.parse(sink(Map.of("tributary.settings.keep_raw_record", "true",
                "tributary.settings.keepRawRecord", "false"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tributary.settings.keep_raw_record")
                .hasMessageContaining("tributary.settings.keepRawRecord");
    }

    @Test
    void aMalformedSettingFailsStartNamingItsProperty() {
        assertThatThrownBy(() -> SourceConfig.parse(source(Map.of("tributary.settings.max_retries", "many"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tributary.settings.max_retries: ")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> SinkConfig.parse(sink(Map.of("tributary.settings.schema_contract", "sometimes"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tributary.settings.schema_contract: ")
                .hasMessageContaining("evolve, freeze, discard_row, discard_value");
    }

    @Test
    void theSinkTakesTheTypingSettingsInBothSpellings() {
        SinkConfig defaults = SinkConfig.parse(sink(Map.of()));
        assertThat(defaults.settings().keepRawRecord()).isTrue();
        assertThat(defaults.settings().schemaContract()).isEqualTo(SchemaContract.EVOLVE);
        SinkConfig snake = SinkConfig.parse(sink(Map.of("tributary.settings.keep_raw_record", "false",
                "tributary.settings.schema_contract", "discard_row", "tributary.settings.max_nesting_depth", "1")));
        SinkConfig camel = SinkConfig.parse(sink(Map.of("tributary.settings.keepRawRecord", "false",
                "tributary.settings.schemaContract", "discard_row", "tributary.settings.maxNestingDepth", "1")));
        assertThat(snake.settings()).isEqualTo(camel.settings());
        assertThat(snake.settings().keepRawRecord()).isFalse();
        assertThat(snake.settings().schemaContract()).isEqualTo(SchemaContract.DISCARD_ROW);
        assertThat(snake.settings().maxNestingDepth()).isEqualTo(1);
        assertThat(new TributarySinkConnector().config().names()).contains("tributary.settings.keep_raw_record",
                "tributary.settings.keepRawRecord", "tributary.settings.schema_contract",
                "tributary.settings.max_nesting_depth", "tributary.settings.maxNestingDepth");
    }

    @Test
    void theSinksValidatePutsEachSettingErrorOnItsField() {
        Config config = new TributarySinkConnector().validate(sink(Map.of(
                "tributary.settings.keep_raw_record", "maybe",
                "tributary.settings.maxNestingDepth", "0",
                "tributary.settings.schema_contract", "evolve",
                "tributary.settings.schemaContract", "freeze")));
        Map<String, List<String>> errors = errors(config);
        assertThat(errors.keySet()).containsExactly("tributary.settings.keep_raw_record",
                "tributary.settings.maxNestingDepth", "tributary.settings.schemaContract",
                "tributary.settings.schema_contract");
        assertThat(errors.get("tributary.settings.keep_raw_record").get(0)).contains("true or false", "maybe");
        assertThat(errors.get("tributary.settings.maxNestingDepth").get(0)).contains("0");
        assertThat(errors.get("tributary.settings.schemaContract").get(0)).contains("given twice");
        assertThat(new TributarySinkConnector().validate(sink(Map.of("tributary.settings.maxNestingDepth", "2")))
                .configValues()).allSatisfy(value -> assertThat(value.errorMessages()).isEmpty());
    }

    @Test
    void theSourcesValidatePutsEachSettingErrorOnItsFieldEvenForAnUnknownConnector() {
        Map<String, String> props = source(Map.of("tributary.settings.batch_size", "ten",
                "tributary.settings.requestsPerSecond", "5", "tributary.settings.requests_per_second", "5"));
        props.put("tributary.connector", "no-such-connector");
        Map<String, List<String>> errors = errors(new TributarySourceConnector().validate(props));
        assertThat(errors).containsKeys("tributary.connector", "tributary.settings.batch_size",
                "tributary.settings.requestsPerSecond", "tributary.settings.requests_per_second");
        assertThat(errors.get("tributary.settings.batch_size").get(0)).contains("whole number");
        assertThat(errors.get("tributary.settings.requests_per_second").get(0))
                .contains("'requestsPerSecond' is given twice");
    }

    private static Map<String, List<String>> errors(Config config) {
        Map<String, List<String>> errors = new TreeMap<>();
        for (ConfigValue value : config.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    private static Map<String, String> source(Map<String, String> settings) {
        Map<String, String> props = new HashMap<>(settings);
        props.put("tributary.connector", "sample");
        props.put("topic.prefix", "t");
        return props;
    }

    private static Map<String, String> sink(Map<String, String> settings) {
        Map<String, String> props = new HashMap<>(settings);
        props.put("tributary.destination.url", "jdbc:sqlite:/tmp/never-opened.db");
        return props;
    }
}
