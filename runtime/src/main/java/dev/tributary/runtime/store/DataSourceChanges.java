package dev.tributary.runtime.store;

import dev.tributary.spi.config.Config;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to a stored data source for {@link DataSources#update}; every part is optional.
 *
 * <p>Configuration changes are a patch: given keys replace stored values, an empty text removes the key (so its
 * default applies), and keys not given keep their stored values, secrets included. A secret given as
 * {@link Config#REDACTED} (as a form that shows {@code ********} sends it back) also keeps the stored secret.
 * Setting changes are {@code KEY=VALUE} texts applied to the stored settings with {@link SettingsArguments}.
 * {@link #toString()} shows configuration keys only. Immutable and thread-safe.
 *
 * @param config configuration keys to set or (with an empty text) remove
 * @param settings setting names to new values as text, e.g. {@code batchSize -> 500}
 * @param targetDatabases replaces the target databases when present
 * @param enabled replaces the enabled flag when present
 * @param schedule replaces the schedule when present
 * @param clearSchedule removes the schedule; not together with {@code schedule}
 */
public record DataSourceChanges(
        Map<String, Object> config,
        Map<String, String> settings,
        Optional<List<String>> targetDatabases,
        Optional<Boolean> enabled,
        Optional<Schedule> schedule,
        boolean clearSchedule) {

    /** No change. */
    public static final DataSourceChanges NONE = new DataSourceChanges(Map.of(), Map.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), false);

    public DataSourceChanges {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(config, "config")));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(settings, "settings")));
        targetDatabases = Objects.requireNonNull(targetDatabases, "targetDatabases").map(List::copyOf);
        Objects.requireNonNull(enabled, "enabled");
        Objects.requireNonNull(schedule, "schedule");
        if (clearSchedule && schedule.isPresent()) {
            throw new IllegalArgumentException("a change cannot both set and clear the schedule");
        }
    }

    /** A copy that also sets (or removes, with an empty text) these configuration keys. */
    public DataSourceChanges withConfig(Map<String, ?> value) {
        Map<String, Object> merged = new LinkedHashMap<>(config);
        merged.putAll(value);
        return new DataSourceChanges(merged, settings, targetDatabases, enabled, schedule, clearSchedule);
    }

    /** A copy that also changes these settings. */
    public DataSourceChanges withSettings(Map<String, String> value) {
        Map<String, String> merged = new LinkedHashMap<>(settings);
        merged.putAll(value);
        return new DataSourceChanges(config, merged, targetDatabases, enabled, schedule, clearSchedule);
    }

    /** A copy that replaces the target databases. */
    public DataSourceChanges withTargetDatabases(List<String> value) {
        return new DataSourceChanges(config, settings, Optional.of(value), enabled, schedule, clearSchedule);
    }

    /** A copy that sets the enabled flag. */
    public DataSourceChanges withEnabled(boolean value) {
        return new DataSourceChanges(config, settings, targetDatabases, Optional.of(value), schedule, clearSchedule);
    }

    /** A copy that sets the schedule. */
    public DataSourceChanges withSchedule(Schedule value) {
        return new DataSourceChanges(config, settings, targetDatabases, enabled, Optional.of(value), false);
    }

    /** A copy that removes the schedule. */
    public DataSourceChanges withoutSchedule() {
        return new DataSourceChanges(config, settings, targetDatabases, enabled, Optional.empty(), true);
    }

    @Override
    public String toString() {
        return "DataSourceChanges[configKeys=" + config.keySet() + ", settings=" + settings + ", targetDatabases="
                + targetDatabases.map(list -> list.stream().map(RedactedUrl::of).toList()) + ", enabled=" + enabled
                + ", schedule=" + schedule + ", clearSchedule=" + clearSchedule + "]";
    }
}
