package dev.tributary.runtime.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One schema change: version {@code n} is the script {@code V<n>__<description>.sql} in each dialect's folder.
 *
 * @param version positive, consecutive from 1
 * @param description the script name's tail, {@code [a-z0-9_]+}
 */
record Migration(int version, String description) {

    private static final Pattern DESCRIPTION = Pattern.compile("[a-z0-9_]+");

    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be positive, was " + version);
        }
        Objects.requireNonNull(description, "description");
        if (!DESCRIPTION.matcher(description).matches()) {
            throw new IllegalArgumentException("migration description must match [a-z0-9_]+");
        }
    }

    String scriptName() {
        return "V" + version + "__" + description + ".sql";
    }
}
