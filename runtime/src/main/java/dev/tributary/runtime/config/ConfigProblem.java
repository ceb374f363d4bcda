package dev.tributary.runtime.config;

import java.util.Objects;

/**
 * One thing wrong with a data source's configuration.
 *
 * @param field the config field at fault
 * @param message what is wrong, never containing the value
 */
public record ConfigProblem(String field, String message) {

    public ConfigProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
