package dev.tributary.runtime.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.sync.SyncMetrics;
import dev.tributary.spi.destination.Destination;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
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
    }

    @Test
    void aTimedDestinationPassesOnHowManyRecordsPerTransactionItPrefers() {
        try (Destination destination = resolver.withMetrics(SyncMetrics.disabled()).open("memory:test",
                Optional.empty())) {
            assertThat(destination.getClass().getSimpleName()).isEqualTo("TimedDestination");
            assertThat(destination.preferredRecordsPerTransaction()).isEqualTo(1_234);
        }
    }

    @Test
    void rejectsASchemaOptionForAPluggedInDestinationNamingIt() {
        assertThatThrownBy(() -> resolver.open("memory:test", Optional.of("raw")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--schema")
                .hasMessageContaining("'memory'");
    }

    @Test
    void unknownSchemesAreNamedWithEveryInstalledUrlForm() {
        assertThatThrownBy(() -> resolver.open("bigquery://project", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported destination URL scheme 'bigquery:'")
                .hasMessageContaining("jdbc:sqlite:/path/file.db")
                .hasMessageContaining("jdbc:postgresql://host:port/database")
                .hasMessageContaining("memory:name");
    }

    @Test
    void listsTheBuiltInDestinationFirstThenPluggedInOnes() {
        assertThat(resolver.installed()).extracting(installed -> installed.metadata().id())
                .containsExactly("jdbc", "memory");
        assertThat(resolver.installed().get(0).builtIn()).isTrue();
        assertThat(resolver.installed().get(1).providerClass()).isEqualTo(MemoryDestinationProvider.class.getName());
    }

    @Test
    void twoProvidersAcceptingOneUrlAreAReportedConflictNamingBoth() throws IOException {
        try (URLClassLoader loader = loaderRegistering(TwinDestinationProviderB.class, TwinDestinationProviderA.class)) {
            DestinationResolver twins = new DestinationResolver(loader, name -> null);

            assertThatThrownBy(() -> twins.open("twin:x", Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("accepted by 2 installed destinations: 'twin_a' ("
                            + TwinDestinationProviderA.class.getName() + "), 'twin_b' ("
                            + TwinDestinationProviderB.class.getName() + ")");
        }
    }

    @Test
    void callsIntoAProviderRunWithItsOwnContextClassLoader() throws IOException {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader stranger = new URLClassLoader(new URL[0], null)) {
            Thread.currentThread().setContextClassLoader(stranger);
            resolver.open("memory:test", Optional.empty()).close();

            assertThat(MemoryDestinationProvider.lastContextLoader)
                    .isSameAs(MemoryDestinationProvider.class.getClassLoader());
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(stranger);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private URLClassLoader loaderRegistering(Class<?>... providers) throws IOException {
        Path services = Files.createDirectories(directory.resolve("twins/META-INF/services"));
        StringBuilder entry = new StringBuilder();
        for (Class<?> provider : providers) {
            entry.append(provider.getName()).append('\n');
        }
        Files.writeString(services.resolve("dev.tributary.spi.destination.DestinationProvider"), entry);
        return new URLClassLoader(new URL[] {directory.resolve("twins").toUri().toURL()}, getClass().getClassLoader());
    }
}
