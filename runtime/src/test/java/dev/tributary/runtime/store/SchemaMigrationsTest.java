package dev.tributary.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaMigrationsTest {

    @RegisterExtension
    final StoreFixture stores = new StoreFixture();

    @TempDir
    Path folder;

    private final Clock clock = Clock.systemUTC();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void migratesAnEmptyStoreOnceAndReopensWithoutChanges(Backend backend) {
        StoreLocation location = stores.location(backend, folder);
        Store store = Store.open(location, clock);

        assertThat(version(store)).isEqualTo(SchemaMigrations.ALL.size());
        List<Integer> applied = store.inTransaction("migrate again",
                connection -> SchemaMigrations.standard(clock).migrate(connection, location));
        assertThat(applied).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void appliesOnlyTheMissingVersionsOnUpgrade(Backend backend) {
        StoreLocation location = stores.location(backend, folder);
        Store.open(location, clock);
        SchemaMigrations newer = new SchemaMigrations(List.of(new Migration(1, "initial_schema"),
                new Migration(2, "webhook_activity"), new Migration(3, "discarded_rows"),
                new Migration(4, "add_run_notes")),
                "/dev/tributary/runtime/store/migrations/", clock);

        Store upgraded = Store.open(location, newer);

        assertThat(version(upgraded)).isEqualTo(4);
        upgraded.inTransaction("use new column", connection -> connection.createStatement()
                .executeUpdate("UPDATE sync_runs SET notes = 'x'"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesAStoreWrittenByANewerVersionAndChangesNothing(Backend backend) {
        StoreLocation location = stores.location(backend, folder);
        Store store = Store.open(location, clock);
        store.inTransaction("pretend newer", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tributary_schema_version (version, description, installed_at) VALUES (?, ?, 0)")) {
                insert.setInt(1, 7);
                insert.setString(2, "from_the_future");
                return insert.executeUpdate();
            }
        });

        assertThatThrownBy(() -> Store.open(location, clock))
                .isInstanceOf(StoreVersionException.class)
                .hasMessageContaining("schema version 7")
                .hasMessageContaining("knows versions up to " + SchemaMigrations.ALL.size())
                .hasMessageContaining("written by a newer Tributary");
        assertThat(version(store)).isEqualTo(7);
    }

    private static int version(Store store) {
        return store.inTransaction("read version", SchemaMigrations::currentVersion);
    }
}
