package dev.tributary.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
