package dev.tributary.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.DestinationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code jdbc:duckdb:} URLs the provider takes, and the errors for those it cannot use. */
class DuckDbUrlTest {

    private final DuckDbDestinationProvider provider = new DuckDbDestinationProvider();

    @TempDir
    Path temp;

    @Test
    void describesItselfAndAcceptsOnlyDuckDbUrls() {
        assertThat(provider.metadata().id()).isEqualTo("duckdb");
        assertThat(provider.metadata().name()).isEqualTo("DuckDB");
        assertThat(provider.metadata().urlForms()).containsExactly("jdbc:duckdb:/path/file.duckdb");
        assertThat(provider.metadata().typedTables()).isTrue();
        assertThat(provider.accepts("jdbc:duckdb:/data/x.duckdb")).isTrue();
        assertThat(provider.accepts("jdbc:sqlite:/data/x.db")).isFalse();
    }

    @Test
    void aRelativePathIsResolvedAgainstTheWorkingDirectory() {
        assertThat(DuckDbUrl.parse("jdbc:duckdb:data/../shop.duckdb", temp).file())
                .isEqualTo(temp.resolve("shop.duckdb"));
        assertThat(DuckDbUrl.parse("jdbc:duckdb:/srv/shop.duckdb", temp).jdbcUrl())
                .isEqualTo("jdbc:duckdb:/srv/shop.duckdb");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "jdbc:duckdb:;needs a file path, e.g. jdbc:duckdb:/data/warehouse.duckdb",
        "jdbc:duckdb:   ;needs a file path",
        "jdbc:duckdb::memory:;in-memory database, which keeps nothing",
        "jdbc:duckdb:md:shop?motherduck_token=canary-secret;MotherDuck databases are not supported",
        "jdbc:duckdb:/data/x.duckdb?access_mode=read_only&token=canary-secret;takes no parameters"})
    void malformedUrlsAreRefusedSayingWhatIsExpectedWithoutEchoingParameters(String url, String expected) {
        assertThatThrownBy(() -> provider.open(url, name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining("canary-secret");
    }

    @Test
    void aDirectoryIsRefusedWithAnExampleFileInIt() {
        assertThatThrownBy(() -> provider.open("jdbc:duckdb:" + temp, name -> null))
                .isInstanceOf(DestinationException.class)
                .hasMessageContaining(temp + " is a directory")
                .hasMessageContaining("jdbc:duckdb:" + temp.resolve("warehouse.duckdb"));
    }

    @Test
    void aPathBelowARegularFileCannotBeCreated() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("plain.txt"), "text");
        Path file = notADirectory.resolve("x.duckdb");
        assertThatThrownBy(() -> provider.open("jdbc:duckdb:" + file, name -> null))
                .isInstanceOf(DestinationException.class)
                .hasMessageContaining("cannot create the directory of DuckDB file " + file)
                .hasMessageContaining("check the path and its permissions");
    }

    @Test
    void aFileThatIsNotADuckDbDatabaseIsRefusedAndLeftAsItWas() throws Exception {
        Path other = Files.writeString(temp.resolve("notes.duckdb"), "not a database ".repeat(500));
        assertThatThrownBy(() -> provider.open("jdbc:duckdb:" + other, name -> null))
                .isInstanceOf(DestinationException.class)
                .hasMessageContaining(other + " exists but is not a DuckDB database");
        assertThat(Files.readString(other)).isEqualTo("not a database ".repeat(500));
    }
}
