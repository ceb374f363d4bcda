package dev.tributary.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreLocationTest {

    @Test
    void defaultsToTributaryDbUnderTheHome() {
        StoreLocation location = StoreLocation.defaultIn(Path.of("/srv/tributary"));

        assertThat(location.dialect()).isEqualTo(StoreDialect.SQLITE);
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/tributary/tributary.db");
    }

    @Test
    void turnsAPostgresqlUrlIntoJdbcAndHidesThePassword() {
        StoreLocation location = StoreLocation.parse("postgresql://etl:s3cr3t@db.local:5433/tributary?ssl=true");

        assertThat(location.dialect()).isEqualTo(StoreDialect.POSTGRESQL);
        assertThat(location.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.local:5433/tributary?ssl=true&user=etl&password=s3cr3t");
        assertThat(location.toString()).doesNotContain("s3cr3t").contains("password=********");
        assertThat(StoreLocation.parse("jdbc:postgresql://h/db?user=u&password=pw").toString())
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=********");
    }

    @Test
    void refusesOtherDatabases() {
        assertThatThrownBy(() -> StoreLocation.parse("mysql://u:pw@h/db"))
                .hasMessageContaining("store URL must start with jdbc:sqlite: or jdbc:postgresql:")
                .hasMessageNotContaining("pw");
    }
}
