package dev.tributary.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.config.ConfigProblem;
import dev.tributary.runtime.config.ConfigValidationException;
import dev.tributary.runtime.crypto.EncryptionKey;
import dev.tributary.runtime.crypto.MissingKeyException;
import dev.tributary.runtime.crypto.TamperedValueException;
import dev.tributary.runtime.crypto.WrongKeyException;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DataSourcesTest {

    static final String CANARY = "sk_live_CANARY_7f3e9";
    static final ConfigSchema SCHEMA = new ConfigSchema(List.of(
            ConfigField.builder("api_key", ConfigFieldType.STRING).required().secret().build(),
            ConfigField.builder("base_url", ConfigFieldType.URL).defaultValue("https://api.example.com").build(),
            ConfigField.builder("page_size", ConfigFieldType.INTEGER).build()));
    private static final String WAREHOUSE = "jdbc:sqlite:/tmp/warehouse.db";

    @RegisterExtension
    final StoreFixture stores = new StoreFixture();

    @TempDir
    Path folder;

    private final Clock clock = Clock.systemUTC();
    private final EncryptionKey key = EncryptionKey.generate(new SecureRandom());

    private Store store;

    private DataSources sources(Backend backend) {
        store = Store.open(stores.location(backend, folder), clock);
        return new DataSources(store, () -> key, clock, WAREHOUSE);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void storesConfigEncryptedAndReadsItBack(Backend backend) {
        DataSources sources = sources(backend);

        DataSource created = sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY,
                "page_size", "50")), SCHEMA);

        DataSource read = sources.get("crm");
        assertThat(read).isEqualTo(created);
        assertThat(read.config().asMap()).containsEntry("api_key", CANARY).containsEntry("page_size", 50L)
                .containsEntry("base_url", "https://api.example.com");
        assertThat(read.targetDatabases()).containsExactly(WAREHOUSE);
        assertThat(read.settings()).isEqualTo(Settings.DEFAULTS);
        assertThat(storedConfig(created.id())).startsWith("v1:" + key.id() + ":").doesNotContain(CANARY);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keepsSettingsTargetsAndScheduleAsGiven(Backend backend) {
        DataSources sources = sources(backend);
        Settings settings = Settings.DEFAULTS.withBatchSize(500).withLookBack(Duration.ofMinutes(5))
                .withRequestsPerSecond(2.5);

        sources.create(DataSourceDraft.of("billing", "demo", Map.of("api_key", CANARY)).withSettings(settings)
                .withTargetDatabases(List.of(WAREHOUSE, "jdbc:postgresql://db/wh?user=u&password=pw"))
                .withEnabled(false).withSchedule(Schedule.of("0 3 * * *", "Europe/Paris")), SCHEMA);

        DataSource read = sources.get("billing");
        assertThat(read.settings()).isEqualTo(settings);
        assertThat(read.targetDatabases()).hasSize(2);
        assertThat(read.redactedTargetDatabases()).contains("jdbc:postgresql://db/wh?user=u&password=********");
        assertThat(read.enabled()).isFalse();
        assertThat(read.schedule()).contains(new Schedule("0 3 * * *", ZoneId.of("Europe/Paris")));
        assertThat(storedRow(read.id())).doesNotContain("password=pw").doesNotContain(CANARY);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void namesEveryInvalidFieldOnCreateAndStoresNothing(Backend backend) {
        DataSources sources = sources(backend);

        assertThatThrownBy(() -> sources.create(DataSourceDraft.of("crm", "demo", Map.of("page_size", "lots",
                "colour", "blue")), SCHEMA))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::field).containsExactlyInAnyOrder("api_key", "page_size", "colour"))
                .hasMessageNotContaining("lots");
        assertThat(sources.list()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesADuplicateName(Backend backend) {
        DataSources sources = sources(backend);
        sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY)), SCHEMA);

        assertThatThrownBy(() -> sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", "x")), SCHEMA))
                .isInstanceOf(DuplicateDataSourceException.class)
                .hasMessageContaining("'crm' exists already");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void updateThatOmitsTheSecretKeepsIt(Backend backend) {
        DataSources sources = sources(backend);
        DataSource created = sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY,
                "page_size", "50")), SCHEMA);
        String sealedBefore = storedConfig(created.id());

        DataSource updated = sources.update("crm", DataSourceChanges.NONE.withConfig(Map.of("page_size", "75",
                "api_key", "********")).withSettings(Map.of("batchSize", "250", "requestTimeout", "10s")), SCHEMA);

        assertThat(updated.config().asMap()).containsEntry("api_key", CANARY).containsEntry("page_size", 75L);
        assertThat(updated.settings().batchSize()).isEqualTo(250);
        assertThat(updated.settings().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(sources.get("crm")).isEqualTo(updated);
        assertThat(storedConfig(created.id())).isNotEqualTo(sealedBefore);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void updateValidatesAgainstTheSchemaAndChangesNothingOnFailure(Backend backend) {
        DataSources sources = sources(backend);
        DataSource created = sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY)), SCHEMA);

        assertThatThrownBy(() -> sources.update("crm", DataSourceChanges.NONE.withConfig(Map.of("api_key", "",
                "page_size", "many")), SCHEMA))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::field).containsExactlyInAnyOrder("api_key", "page_size"));
        assertThatThrownBy(() -> sources.update("crm", DataSourceChanges.NONE.withSettings(
                Map.of("batchSize", "0")), SCHEMA))
                .hasMessageContaining("batchSize must be between 1 and 100000");
        assertThatThrownBy(() -> sources.update("crm", DataSourceChanges.NONE.withSettings(
                Map.of("speed", "9")), SCHEMA))
                .hasMessageContaining("unknown setting 'speed'");
        assertThat(sources.get("crm")).isEqualTo(created);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void removesByNameAndReportsUnknownNames(Backend backend) {
        DataSources sources = sources(backend);
        sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY)), SCHEMA);

        sources.remove("crm");

        assertThat(sources.find("crm")).isEmpty();
        assertThatThrownBy(() -> sources.remove("crm")).isInstanceOf(NoSuchDataSourceException.class)
                .hasMessageContaining("no data source named 'crm'");
        assertThatThrownBy(() -> sources.get("nope")).isInstanceOf(NoSuchDataSourceException.class);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesToReadWithAnotherKeyNamingTheSource(Backend backend) {
        DataSources sources = sources(backend);
        sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY)), SCHEMA);
        DataSources withOtherKey = new DataSources(store,
                () -> EncryptionKey.generate(new SecureRandom()), clock, WAREHOUSE);

        assertThatThrownBy(() -> withOtherKey.get("crm"))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("data source 'crm'")
                .hasMessageNotContaining(CANARY);
        assertThat(sources.get("crm").config().asMap()).containsEntry("api_key", CANARY);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reportsAMissingKeyAndStoresNothing(Backend backend) {
        DataSources sources = sources(backend);
        DataSources withoutKey = new DataSources(store, () -> {
            throw new MissingKeyException("ENCRYPTION_KEY");
        }, clock, WAREHOUSE);

        assertThatThrownBy(() -> withoutKey.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY)),
                SCHEMA)).isInstanceOf(MissingKeyException.class).hasMessageContaining("ENCRYPTION_KEY is not set");
        assertThat(sources.list()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void detectsATamperedValue(Backend backend) {
        DataSources sources = sources(backend);
        DataSource created = sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY)), SCHEMA);
        String sealed = storedConfig(created.id());
        char last = sealed.charAt(sealed.length() - 3);
        setStoredConfig(created.id(), sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2));

        assertThatThrownBy(() -> sources.get("crm"))
                .isInstanceOf(TamperedValueException.class)
                .hasMessageContaining("data source 'crm'")
                .hasMessageContaining("authentication tag mismatch");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesCiphertextSwappedBetweenTwoSources(Backend backend) {
        DataSources sources = sources(backend);
        DataSource crm = sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY)), SCHEMA);
        DataSource billing = sources.create(DataSourceDraft.of("billing", "demo", Map.of("api_key", "other")),
                SCHEMA);
        String crmSealed = storedConfig(crm.id());
        setStoredConfig(crm.id(), storedConfig(billing.id()));
        setStoredConfig(billing.id(), crmSealed);

        assertThatThrownBy(() -> sources.get("crm")).isInstanceOf(TamperedValueException.class)
                .hasMessageContaining("belongs to another record");
        assertThatThrownBy(() -> sources.get("billing")).isInstanceOf(TamperedValueException.class);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void printsSecretsRedactedEverywhere(Backend backend) {
        DataSources sources = sources(backend);
        DataSource created = sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY)), SCHEMA);

        assertThat(created.toString()).contains("api_key=********").doesNotContain(CANARY);
        assertThat(sources.list().toString()).doesNotContain(CANARY);
        assertThat(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY)).toString()).doesNotContain(CANARY);
        assertThat(DataSourceChanges.NONE.withConfig(Map.of("api_key", CANARY)).toString()).doesNotContain(CANARY);
    }

    @Test
    void readsDoNotWaitForAWriterHoldingTheSqliteWriteLock() throws Exception {
        DataSources sources = sources(Backend.SQLITE);
        sources.create(DataSourceDraft.of("crm", "demo", Map.of("api_key", CANARY)), SCHEMA);
        try (Connection writer = DriverManager.getConnection(store.location().jdbcUrl());
                Statement statement = writer.createStatement()) {
            // A sync recording its run holds this lock; a write would wait 10 s for it, then fail as busy.
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("UPDATE data_sources SET updated_at = updated_at");

            assertThat(sources.list()).extracting(DataSource::name).containsExactly("crm");
            assertThat(sources.find("crm")).isPresent();

            statement.execute("ROLLBACK");
        }
    }

    String storedConfig(String id) {
        return store.inTransaction("read sealed", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT config FROM data_sources WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });
    }

    /** Every column of the data source's row, as stored, joined with spaces. */
    String storedRow(String id) {
        return store.inTransaction("read row", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM data_sources WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        row.append(rows.getString(i)).append(' ');
                    }
                    return row.toString();
                }
            }
        });
    }

    void setStoredConfig(String id, String sealed) {
        store.inTransaction("write sealed", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE data_sources SET config = ? WHERE id = ?")) {
                update.setString(1, sealed);
                update.setString(2, id);
                return update.executeUpdate();
            }
        });
    }
}
