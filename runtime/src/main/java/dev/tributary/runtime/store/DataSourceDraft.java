package dev.tributary.runtime.store;

import dev.tributary.spi.config.Settings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DataSources#create} needs: a data source before validation and encryption.
 *
 * <p>{@link #toString()} shows configuration keys only, never values. Immutable and thread-safe.
 *
 * @param name the unique name, see {@link DataSource#requireValidName}
 * @param connectorId the connector's id
 * @param config raw configuration (text from the command line, or JSON values), validated against the connector's
 *     schema on create
 * @param settings how it syncs; {@link Settings#DEFAULTS} when not chosen
 * @param targetDatabases destination URLs; empty means the store's default warehouse
 * @param enabled whether scheduled syncs run
 * @param schedule when the server syncs it; absent when only on demand
 */
public record DataSourceDraft(
        String name,
        String connectorId,
        Map<String, Object> config,
        Settings settings,
        List<String> targetDatabases,
        boolean enabled,
        Optional<Schedule> schedule) {

    public DataSourceDraft {
        DataSource.requireValidName(name);
        Objects.requireNonNull(connectorId, "connectorId");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(config, "config")));
        Objects.requireNonNull(settings, "settings");
        targetDatabases = List.copyOf(Objects.requireNonNull(targetDatabases, "targetDatabases"));
        Objects.requireNonNull(schedule, "schedule");
    }

    /** An enabled draft with default settings, the default warehouse and no schedule. */
    public static DataSourceDraft of(String name, String connectorId, Map<String, ?> config) {
        return new DataSourceDraft(name, connectorId, new LinkedHashMap<>(config), Settings.DEFAULTS, List.of(),
                true, Optional.empty());
    }

    /** A copy with other settings. */
    public DataSourceDraft withSettings(Settings value) {
        return new DataSourceDraft(name, connectorId, config, value, targetDatabases, enabled, schedule);
    }

    /** A copy with other target databases. */
    public DataSourceDraft withTargetDatabases(List<String> value) {
        return new DataSourceDraft(name, connectorId, config, settings, value, enabled, schedule);
    }

    /** A copy with another enabled flag. */
    public DataSourceDraft withEnabled(boolean value) {
        return new DataSourceDraft(name, connectorId, config, settings, targetDatabases, value, schedule);
    }

    /** A copy with a schedule. */
    public DataSourceDraft withSchedule(Schedule value) {
        return new DataSourceDraft(name, connectorId, config, settings, targetDatabases, enabled,
                Optional.of(value));
    }

    @Override
    public String toString() {
        return "DataSourceDraft[name=" + name + ", connectorId=" + connectorId + ", configKeys=" + config.keySet()
                + ", settings=" + settings + ", targetDatabases=" + targetDatabases.stream().map(RedactedUrl::of)
                .toList() + ", enabled=" + enabled + ", schedule=" + schedule + "]";
    }
}
