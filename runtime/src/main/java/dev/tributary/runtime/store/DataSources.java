package dev.tributary.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.config.ConfigValidator;
import dev.tributary.runtime.crypto.AesGcmConfigCipher;
import dev.tributary.runtime.crypto.EncryptionKey;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The data sources in a {@link Store}: create, update, remove, read, and re-encrypt under a new key.
 *
 * <p>Configuration is validated against the connector's schema (passed in by the caller, who knows the connector)
 * on every create and update, then stored as one JSON document sealed by {@link AesGcmConfigCipher} with the data
 * source's id as associated data. The sealed document also holds the names of the secret fields (so a data
 * source prints redacted even when its connector is not installed, and nobody can unmark a secret by editing the
 * database) and the target database URLs (which may carry passwords). The key is asked for only when configuration
 * is sealed or opened; a missing, malformed or wrong key fails before anything is written.
 *
 * <p>Thread-safe.
 */
public final class DataSources {

    private static final String COLUMNS = "id, name, connector_id, config, settings, enabled, schedule_cron,"
            + " schedule_zone, created_at, updated_at";

    private final Store store;
    private final Supplier<EncryptionKey> key;
    private final Clock clock;
    private final String defaultTarget;
    private final ConfigValidator validator = new ConfigValidator();
    private final SettingsArguments settingsArguments = new SettingsArguments();
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /**
     * @param key supplies the current encryption key when needed; may throw
     *     {@link dev.tributary.runtime.crypto.MissingKeyException} or
     *     {@link dev.tributary.runtime.crypto.MalformedKeyException}
     * @param defaultTarget the target database of data sources created without one (the embedded warehouse)
     */
    public DataSources(Store store, Supplier<EncryptionKey> key, Clock clock, String defaultTarget) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultTarget = Objects.requireNonNull(defaultTarget, "defaultTarget");
    }

    /**
     * Validates, encrypts and stores a new data source.
     *
     * @param schema the config schema of {@code draft.connectorId()}
     * @throws dev.tributary.runtime.config.ConfigValidationException naming every field at fault
     * @throws DuplicateDataSourceException when the name is taken
     * @throws dev.tributary.runtime.crypto.EncryptionException when the key is missing or malformed
     */
    public DataSource create(DataSourceDraft draft, ConfigSchema schema) {
        Config config = validator.validate(draft.connectorId(), schema, draft.config());
        List<String> targets = draft.targetDatabases().isEmpty() ? List.of(defaultTarget) : draft.targetDatabases();
        Instant now = now();
        DataSource source = new DataSource(UUID.randomUUID().toString(), draft.name(), draft.connectorId(), config,
                draft.settings(), targets, draft.enabled(), draft.schedule(), now, now);
        String sealed = seal(source, schema);
        return store.inTransaction("creating data source '" + draft.name() + "'", connection -> {
            if (find(connection, draft.name()).isPresent()) {
                throw new DuplicateDataSourceException(draft.name());
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO data_sources (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, source, sealed);
                insert.executeUpdate();
            }
            return source;
        });
    }

    /**
     * Applies {@code changes} to the named data source, validating the resulting configuration against
     * {@code schema} and re-encrypting it with a fresh nonce.
     *
     * @throws NoSuchDataSourceException when there is none by that name
     * @throws dev.tributary.runtime.config.ConfigValidationException naming every field at fault
     * @throws IllegalArgumentException naming a malformed setting, target list or schedule
     * @throws dev.tributary.runtime.crypto.EncryptionException when the stored configuration cannot be opened
     */
    public DataSource update(String name, DataSourceChanges changes, ConfigSchema schema) {
        return store.inTransaction("updating data source '" + name + "'", connection -> {
            DataSource current = find(connection, name).orElseThrow(() -> new NoSuchDataSourceException(name));
            Config config = validator.validate(current.connectorId(), schema,
                    patch(current.config(), changes.config()));
            Settings settings = settingsArguments.apply(current.settings(), changes.settings());
            Optional<Schedule> schedule = changes.clearSchedule() ? Optional.empty()
                    : changes.schedule().or(current::schedule);
            DataSource updated = new DataSource(current.id(), current.name(), current.connectorId(), config,
                    settings, changes.targetDatabases().orElse(current.targetDatabases()),
                    changes.enabled().orElse(current.enabled()), schedule, current.createdAt(), now());
            String sealed = seal(updated, schema);
            try (PreparedStatement statement = connection.prepareStatement("UPDATE data_sources SET config = ?,"
                    + " settings = ?, enabled = ?, schedule_cron = ?, schedule_zone = ?, updated_at = ?"
                    + " WHERE id = ?")) {
                statement.setString(1, sealed);
                statement.setString(2, write(settingsArguments.format(updated.settings())));
                statement.setBoolean(3, updated.enabled());
                statement.setString(4, updated.schedule().map(Schedule::cron).orElse(null));
                statement.setString(5, updated.schedule().map(s -> s.zone().getId()).orElse(null));
                statement.setLong(6, updated.updatedAt().toEpochMilli());
                statement.setString(7, updated.id());
                statement.executeUpdate();
            }
            return updated;
        });
    }

    private static Map<String, Object> patch(Config stored, Map<String, Object> changes) {
        Map<String, Object> values = new LinkedHashMap<>(stored.asMap());
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            Object value = change.getValue();
            boolean keepsSecret = stored.isSecret(change.getKey()) && Config.REDACTED.equals(value);
            if (keepsSecret) {
                continue;
            }
            if (value == null || value instanceof String text && text.isEmpty()) {
                values.remove(change.getKey());
            } else {
                values.put(change.getKey(), value);
            }
        }
        return values;
    }

    /**
     * Removes the named data source; its run history stays.
     *
     * @throws NoSuchDataSourceException when there is none by that name
     */
    public void remove(String name) {
        store.inTransaction("removing data source '" + name + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM data_sources WHERE name = ?")) {
                delete.setString(1, name);
                if (delete.executeUpdate() == 0) {
                    throw new NoSuchDataSourceException(name);
                }
            }
            return null;
        });
    }

    /**
     * The named data source, decrypted.
     *
     * @throws NoSuchDataSourceException when there is none by that name
     * @throws dev.tributary.runtime.crypto.EncryptionException when its configuration cannot be opened
     */
    public DataSource get(String name) {
        return find(name).orElseThrow(() -> new NoSuchDataSourceException(name));
    }

    /** The named data source, decrypted; empty when there is none. */
    public Optional<DataSource> find(String name) {
        return store.read("reading data source '" + name + "'", connection -> find(connection, name));
    }

    /** Every data source, by name, decrypted. */
    public List<DataSource> list() {
        return store.read("listing data sources", connection -> {
            List<DataSource> sources = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM data_sources ORDER BY name");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sources.add(read(rows));
                }
            }
            return sources;
        });
    }

    /**
     * Re-encrypts every data source from {@code previous} to {@code next} in one transaction: either all move or
     * none does. Data sources already under {@code next} are left as they are, so running it twice is harmless.
     *
     * @throws dev.tributary.runtime.crypto.WrongKeyException when a data source is under neither key; nothing
     *     changes
     * @throws dev.tributary.runtime.crypto.TamperedValueException when a value is damaged; nothing changes
     */
    public KeyRotation rotateKey(EncryptionKey previous, EncryptionKey next) {
        return rotateKey(previous, next, row -> { });
    }

    /** As {@link #rotateKey(EncryptionKey, EncryptionKey)}, calling {@code afterRow} after each re-encrypted row. */
    KeyRotation rotateKey(EncryptionKey previous, EncryptionKey next, IntConsumer afterRow) {
        AesGcmConfigCipher opener = new AesGcmConfigCipher(previous);
        AesGcmConfigCipher sealer = new AesGcmConfigCipher(next);
        return store.inTransaction("rotating the encryption key", connection -> {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name, config FROM data_sources ORDER BY name");
                    ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new String[] {result.getString(1), result.getString(2), result.getString(3)});
                }
            }
            int moved = 0;
            int current = 0;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE data_sources SET config = ? WHERE id = ?")) {
                for (String[] row : rows) {
                    if (AesGcmConfigCipher.keyIdOf(row[2]).filter(next.id()::equals).isPresent()) {
                        current++;
                        continue;
                    }
                    String plain = opener.open(row[2], row[0], subject(row[1]));
                    update.setString(1, sealer.seal(plain, row[0]));
                    update.setString(2, row[0]);
                    update.executeUpdate();
                    moved++;
                    afterRow.accept(moved);
                }
            }
            return new KeyRotation(moved, current);
        });
    }

    private Optional<DataSource> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM data_sources WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private DataSource read(ResultSet row) throws SQLException {
        String id = row.getString("id");
        String name = row.getString("name");
        String plain = new AesGcmConfigCipher(key.get()).open(row.getString("config"), id, subject(name));
        SealedDocument document = read(plain, new TypeReference<SealedDocument>() { });
        Settings settings = settingsArguments.apply(Settings.DEFAULTS,
                read(row.getString("settings"), new TypeReference<LinkedHashMap<String, String>>() { }));
        String cron = row.getString("schedule_cron");
        Optional<Schedule> schedule = cron == null ? Optional.empty()
                : Optional.of(new Schedule(cron, ZoneId.of(row.getString("schedule_zone"))));
        return new DataSource(id, name, row.getString("connector_id"),
                Config.of(document.values(), secretsOnly(document.secretFields())), settings,
                document.targetDatabases(), row.getBoolean("enabled"), schedule,
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("updated_at")));
    }

    private void bind(PreparedStatement insert, DataSource source, String sealed) throws SQLException {
        insert.setString(1, source.id());
        insert.setString(2, source.name());
        insert.setString(3, source.connectorId());
        insert.setString(4, sealed);
        insert.setString(5, write(settingsArguments.format(source.settings())));
        insert.setBoolean(6, source.enabled());
        insert.setString(7, source.schedule().map(Schedule::cron).orElse(null));
        insert.setString(8, source.schedule().map(s -> s.zone().getId()).orElse(null));
        insert.setLong(9, source.createdAt().toEpochMilli());
        insert.setLong(10, source.updatedAt().toEpochMilli());
    }

    private String seal(DataSource source, ConfigSchema schema) {
        SealedDocument document = new SealedDocument(source.config().asMap(),
                new TreeSet<>(schema.secretFieldNames()), source.targetDatabases());
        return new AesGcmConfigCipher(key.get()).seal(write(document), source.id());
    }

    /**
     * What is encrypted per data source: the configuration values, the names of its secret fields and the target
     * database URLs.
     */
    private record SealedDocument(Map<String, Object> values, Set<String> secretFields, List<String> targetDatabases) {

        SealedDocument {
            values = new LinkedHashMap<>(values);
        }
    }

    /** A schema that only knows which names are secret: enough for {@link Config} to redact. */
    private static ConfigSchema secretsOnly(Set<String> names) {
        return new ConfigSchema(names.stream()
                .map(name -> ConfigField.builder(name, ConfigFieldType.STRING).secret().build()).toList());
    }

    private static String subject(String name) {
        return "data source '" + name + "'";
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON of type " + type.getType() + " is unreadable at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
    }
}
