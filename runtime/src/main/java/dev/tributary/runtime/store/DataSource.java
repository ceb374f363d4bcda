package dev.tributary.runtime.store;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stored data source: a connector with its configuration, sync settings, target databases and optional schedule.
 *
 * <p>{@link #toString()} shows secret configuration fields as {@code ********} and hides passwords in target URLs.
 * Immutable and thread-safe.
 *
 * @param id the store's id, a UUID; bound into the encrypted configuration as associated data
 * @param name unique, {@code [a-z][a-z0-9_]*}, at most {@value #MAX_NAME_LENGTH} characters; prefixes its tables
 * @param connectorId the connector's id
 * @param config the validated configuration, secrets included (redacted when printed)
 * @param settings how it syncs
 * @param targetDatabases destination URLs, at least one, no duplicates
 * @param enabled whether scheduled syncs run (manual syncs run either way)
 * @param schedule when the server syncs it; absent when only on demand
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record DataSource(
        String id,
        String name,
        String connectorId,
        Config config,
        Settings settings,
        List<String> targetDatabases,
        boolean enabled,
        Optional<Schedule> schedule,
        Instant createdAt,
        Instant updatedAt) {

    /** The longest name, so that {@code <name>_<entity>} fits PostgreSQL's 63-character identifiers. */
    public static final int MAX_NAME_LENGTH = 40;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public DataSource {
        Objects.requireNonNull(id, "id");
        requireValidName(name);
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        targetDatabases = requireValidTargets(targetDatabases);
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * Checks a data-source name.
     *
     * @throws IllegalArgumentException saying what a name must look like
     */
    public static String requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("data source name '" + name + "' must match [a-z][a-z0-9_]* and"
                    + " have at most " + MAX_NAME_LENGTH + " characters (it prefixes table names)");
        }
        return name;
    }

    /**
     * Checks a list of target databases and copies it.
     *
     * @throws IllegalArgumentException when it is empty, has a blank entry or a duplicate
     */
    static List<String> requireValidTargets(List<String> targets) {
        Objects.requireNonNull(targets, "targetDatabases");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a data source needs at least one target database");
        }
        List<String> copy = targets.stream().map(String::trim).toList();
        if (copy.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("target database URLs must not be blank");
        }
        if (copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException("target databases must not repeat");
        }
        return copy;
    }

    /** The target database URLs with passwords replaced by {@code ********}, safe to show. */
    public List<String> redactedTargetDatabases() {
        return targetDatabases.stream().map(RedactedUrl::of).toList();
    }

    @Override
    public String toString() {
        return "DataSource[id=" + id + ", name=" + name + ", connectorId=" + connectorId + ", config=" + config
                + ", settings=" + settings + ", targetDatabases=" + redactedTargetDatabases() + ", enabled="
                + enabled + ", schedule=" + schedule + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + "]";
    }
}
