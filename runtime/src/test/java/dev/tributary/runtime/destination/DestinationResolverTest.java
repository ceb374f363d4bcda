package dev.tributary.runtime.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.Destination;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationResolverTest {

    @TempDir
    Path directory;

    private final DestinationResolver resolver = new DestinationResolver(getClass().getClassLoader(), name -> null);

    @Test
    void opensJdbcUrlsWithTheBuiltInDestination() {
        try (Destination destination = resolver.open("jdbc:sqlite:" + directory.resolve("w.db"), Optional.empty())) {
            assertThat(destination).isInstanceOf(JdbcDestination.class);
        }
    }

    @Test
    void opensOtherSchemesWithAProviderFromTheServiceLoader() {
        try (Destination destination = resolver.open("memory:test", Optional.empty())) {
            assertThat(destination.describe()).isEqualTo("memory:test");
        }
        assertThatThrownBy(() -> resolver.open("memory:test", Optional.of("raw")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--schema");
    }

    @Test
    void unknownSchemesAreNamed() {
        assertThatThrownBy(() -> resolver.open("bigquery://project", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported destination URL scheme 'bigquery:'");
    }
}
