package dev.tributary.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.config.SchemaContract;
import dev.tributary.spi.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsArgumentsTest {

    private final SettingsArguments arguments = new SettingsArguments();

    @Test
    void appliesEverySettingByName() {
        Settings settings = arguments.apply(Settings.DEFAULTS, arguments.parse(List.of("batchSize=500",
                "requestsPerSecond=2.5", "burst=4", "maxRetries=0", "requestTimeout=PT1M", "lookBack=5m",
                "concurrency=3")));

        assertThat(settings).isEqualTo(new Settings(500, 2.5, 4, 0, Duration.ofMinutes(1), Duration.ofMinutes(5),
                3));
    }

    @Test
    void acceptsTheOtherSpellingOfEachNameAndFormatsTheListedOne() {
        Settings settings = arguments.apply(Settings.DEFAULTS, arguments.parse(List.of("batch_size=500",
                "requests_per_second=2.5", "max_retries=0", "request_timeout=PT1M", "look_back=5m",
                "schemaContract=freeze", "keepRawRecord=false", "maxNestingDepth=2")));

        assertThat(settings).isEqualTo(arguments.apply(Settings.DEFAULTS, arguments.parse(List.of("batchSize=500",
                "requestsPerSecond=2.5", "maxRetries=0", "requestTimeout=PT1M", "lookBack=5m",
                "schema_contract=freeze", "keep_raw_record=false", "max_nesting_depth=2"))));
        assertThat(arguments.format(settings)).containsEntry("batchSize", "500")
                .containsEntry("schema_contract", "freeze").doesNotContainKeys("batch_size", "schemaContract");
        assertThat(SettingsArguments.ALIASES.values()).allMatch(SettingsArguments.NAMES::contains);
    }

    @Test
    void refusesOneSettingGivenInBothSpellings() {
        assertThatThrownBy(() -> arguments.apply(Settings.DEFAULTS, arguments.parse(List.of("batchSize=5",
                "batch_size=6")))).hasMessageContaining("setting 'batchSize' is given twice")
                .hasMessageContaining("'batch_size'");
    }

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "30s,PT30S", "5m,PT5M", "2h,PT2H", "1d,PT24H", "PT45S,PT45S"})
    void readsShortAndIsoDurations(String text, String expected) {
        assertThat(SettingsArguments.toDuration("lookBack", text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void namesTheSettingAtFault() {
        assertThatThrownBy(() -> arguments.parse(List.of("batchSize"))).hasMessageContaining("'batchSize'")
                .hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> arguments.apply(Settings.DEFAULTS, Map.of("batchsize", "5")))
                .hasMessageContaining("unknown setting 'batchsize'").hasMessageContaining(SettingsArguments.NAMES);
        assertThatThrownBy(() -> arguments.apply(Settings.DEFAULTS, Map.of("maxRetries", "few")))
                .hasMessageContaining("maxRetries must be a whole number");
        assertThatThrownBy(() -> arguments.apply(Settings.DEFAULTS, Map.of("requestTimeout", "soon")))
                .hasMessageContaining("requestTimeout must be a duration");
        assertThatThrownBy(() -> arguments.apply(Settings.DEFAULTS, Map.of("concurrency", "0")))
                .hasMessageContaining("concurrency must be at least 1");
    }

    @Test
    void formatsSettingsSoTheyReadBackEqual() {
        Settings settings = Settings.DEFAULTS.withLookBack(Duration.ofHours(1)).withRequestsPerSecond(0.5);

        assertThat(arguments.apply(Settings.DEFAULTS, arguments.format(settings))).isEqualTo(settings);
    }

    @Test
    void appliesTheTypedTableSettingsAndKeepsTheirDefaultsOtherwise() {
        Settings settings = arguments.apply(Settings.DEFAULTS, arguments.parse(List.of("schema_contract=FREEZE",
                "keep_raw_record=false", "max_nesting_depth=5")));

        assertThat(settings.schemaContract()).isEqualTo(SchemaContract.FREEZE);
        assertThat(settings.keepRawRecord()).isFalse();
        assertThat(settings.maxNestingDepth()).isEqualTo(5);
        assertThat(Settings.DEFAULTS.schemaContract()).isEqualTo(SchemaContract.EVOLVE);
        assertThat(Settings.DEFAULTS.keepRawRecord()).isTrue();
        assertThat(Settings.DEFAULTS.maxNestingDepth()).isEqualTo(3);
        assertThat(arguments.apply(Settings.DEFAULTS, arguments.format(settings))).isEqualTo(settings);
        assertThat(arguments.format(Settings.DEFAULTS)).containsEntry("schema_contract", "evolve")
                .containsEntry("keep_raw_record", "true").containsEntry("max_nesting_depth", "3");
    }

    @Test
    void namesTheTypedTableSettingAtFaultAndItsAllowedValues() {
        assertThatThrownBy(() -> arguments.apply(Settings.DEFAULTS, Map.of("schema_contract", "strict")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting schema_contract must be one of evolve, freeze, discard_row, discard_value,"
                        + " was 'strict'");
        assertThatThrownBy(() -> arguments.apply(Settings.DEFAULTS, Map.of("keep_raw_record", "yes")))
                .hasMessage("setting keep_raw_record must be true or false, was 'yes'");
        assertThatThrownBy(() -> arguments.apply(Settings.DEFAULTS, Map.of("max_nesting_depth", "0")))
                .hasMessage("setting max_nesting_depth must be between 1 and 32, was 0");
        assertThatThrownBy(() -> arguments.apply(Settings.DEFAULTS, Map.of("max_nesting_depth", "deep")))
                .hasMessage("setting max_nesting_depth must be a whole number, was 'deep'");
    }
}
