package dev.tributary.spi.config;

import dev.tributary.spi.error.InvalidConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration of one data source (the seed's {@code config}): JSON-compatible values keyed by
 * {@link ConfigField#name()}, with the schema's defaults filled in.
 *
 * <p>Secret values are kept as given but never printed: {@link #toString()} shows them as {@link #REDACTED}.
 * Immutable and thread-safe.
 *
 * @since 1.0
 */
public final class Config {

    /** How a secret value is shown everywhere. */
    public static final String REDACTED = "********";

    private final Map<String, Object> values;
    private final Set<String> secretNames;

    private Config(Map<String, Object> values, Set<String> secretNames) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.secretNames = Set.copyOf(secretNames);
    }

    /**
     * A configuration holding {@code values}, whose secret fields are those of {@code schema}. The runtime calls
     * this after validation; tests may call it directly.
     */
    public static Config of(Map<String, Object> values, ConfigSchema schema) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(schema, "schema");
        return new Config(values, schema.secretFieldNames());
    }

    /** The raw value of a field, absent when the field is not set (or set to JSON null). */
    public Optional<Object> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of a field as text; numbers and booleans are converted, objects and lists are not. */
    public Optional<String> getString(String name) {
        return get(name).map(value -> {
            if (value instanceof Map || value instanceof List) {
                throw new InvalidConfigException(name, "must be text, but is a JSON " + describe(value));
            }
            return value.toString();
        });
    }

    /**
     * The value of a required text field.
     *
     * @throws InvalidConfigException naming the field when it is missing or blank
     */
    public String requireString(String name) {
        String value = getString(name).orElseThrow(() -> new InvalidConfigException(name, "is required"));
        if (value.isBlank()) {
            throw new InvalidConfigException(name, "must not be blank");
        }
        return value;
    }

    /**
     * The value of a field as a whole number; text is parsed.
     *
     * @throws InvalidConfigException naming the field when the value is not a whole number
     */
    public Optional<Long> getLong(String name) {
        return get(name).map(value -> {
            if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                return number.longValue();
            }
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(name, "must be a whole number");
            }
        });
    }

    /**
     * The value of a field as a boolean; the text {@code true} or {@code false} is accepted.
     *
     * @throws InvalidConfigException naming the field when the value is not a boolean
     */
    public Optional<Boolean> getBoolean(String name) {
        return get(name).map(value -> {
            if (value instanceof Boolean bool) {
                return bool;
            }
            String text = value.toString().trim();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new InvalidConfigException(name, "must be true or false");
        });
    }

    /** Whether the named field is secret. */
    public boolean isSecret(String name) {
        return secretNames.contains(name);
    }

    /** All values, secrets included, in an unmodifiable map. Never log it; use {@link #toString()}. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The values with every secret replaced by {@link #REDACTED}, safe to show. */
    public Map<String, Object> redacted() {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.replaceAll((key, value) -> secretNames.contains(key) && value != null ? REDACTED : value);
        return Collections.unmodifiableMap(copy);
    }

    private static String describe(Object value) {
        return value instanceof Map ? "object" : "array";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Config config && values.equals(config.values)
                && secretNames.equals(config.secretNames);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Shows the values with secrets redacted. */
    @Override
    public String toString() {
        return "Config" + redacted();
    }
}
