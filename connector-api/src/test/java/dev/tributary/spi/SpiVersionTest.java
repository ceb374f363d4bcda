package dev.tributary.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SpiVersionTest {

    @Test
    void constantMatchesTheVersionTheBuildRecordsInPluginManifests() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = SpiVersion.class.getResourceAsStream("spi-version.properties")) {
            properties.load(in);
        }

        assertThat(properties.getProperty("spi.version")).isEqualTo(SpiVersion.CURRENT);
    }

    @Test
    void acceptsSameMajorWithOlderOrEqualMinor() {
        assertThat(SpiVersion.isCompatible(SpiVersion.major() + ".0")).isTrue();
        assertThat(SpiVersion.isCompatible(SpiVersion.CURRENT)).isTrue();
    }

    @Test
    void refusesOtherMajorsAndNewerMinors() {
        assertThat(SpiVersion.isCompatible((SpiVersion.major() + 1) + ".0")).isFalse();
        assertThat(SpiVersion.isCompatible(SpiVersion.major() + "." + (SpiVersion.minor() + 1))).isFalse();
    }

    @Test
    void rejectsMalformedVersionNamingIt() {
        assertThatThrownBy(() -> SpiVersion.parse("one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'one'");
        assertThatThrownBy(() -> SpiVersion.parse("1.x")).hasMessageContaining("major.minor");
    }
}
