package dev.tributary.connector.rest;

import dev.tributary.connector.http.ConfigProblems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One JSON object of the configuration document being read, with its location (e.g.
 * {@code resources[2].paginator}) so that every problem names the key and where it is. Unknown keys are reported when
 * the object is opened: a typo must not silently fall back to a default. Not thread-safe; used during parsing only.
 */
final class ConfigObject {

    private final String location;
    private final Map<String, Object> values;
    private final ConfigProblems problems;

    private ConfigObject(String location, Map<String, Object> values, ConfigProblems problems) {
        this.location = location;
        this.values = values;
        this.problems = problems;
    }

    /**
     * Opens {@code raw} as an object at {@code location} allowing only {@code keys}.
     *
     * @return empty (with a problem recorded) when {@code raw} is not a JSON object
     */
    static Optional<ConfigObject> open(String location, Object raw, Set<String> keys, ConfigProblems problems) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(location, "must be a JSON object");
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((key, value) -> values.put(String.valueOf(key), value));
        ConfigObject object = new ConfigObject(location, values, problems);
        for (String key : values.keySet()) {
            if (!keys.contains(key)) {
                problems.add(object.at(key), "is not a known key here; the keys allowed in " + location + " are: "
                        + String.join(", ", new TreeSet<>(keys)));
            }
        }
        return Optional.of(object);
    }

    /** The location of {@code key} inside this object, e.g. {@code resources[0].paginator.limit}. */
    String at(String key) {
        return location.isEmpty() ? key : location + "." + key;
    }

    String location() {
        return location;
    }

    boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    Object raw(String key) {
        return values.get(key);
    }

    void problem(String key, String message) {
        problems.add(at(key), message);
    }

    /** A text value; a problem when present but not text or blank. */
    Optional<String> text(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isBlank()) {
            problem(key, "must be non-empty text");
            return Optional.empty();
        }
        return Optional.of(text.trim());
    }

    /** A required text value; a problem naming {@code example} when missing. */
    Optional<String> requiredText(String key, String example) {
        if (!has(key)) {
            problem(key, "is required, e.g. " + example);
            return Optional.empty();
        }
        return text(key);
    }

    /** A whole number of at least {@code min}; a problem when present but not one. */
    OptionalLong number(String key, long min) {
        Object value = values.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.longValue() >= min) {
            return OptionalLong.of(number.longValue());
        }
        problem(key, "must be a whole number of at least " + min);
        return OptionalLong.empty();
    }

    /** A boolean; a problem when present but not {@code true}/{@code false}. */
    Optional<Boolean> bool(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean flag) {
            return Optional.of(flag);
        }
        problem(key, "must be true or false");
        return Optional.empty();
    }

    /** One text or a list of texts (e.g. {@code primary_key}); a problem when neither. */
    Optional<List<String>> texts(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String text) || text.isBlank()) {
                problem(key, "must be a text or a non-empty list of texts");
                return Optional.empty();
            }
            texts.add(text.trim());
        }
        if (texts.isEmpty()) {
            problem(key, "must be a text or a non-empty list of texts");
            return Optional.empty();
        }
        return Optional.of(texts);
    }

    /** An object of name to scalar value (query parameters, headers); a problem for nested values. */
    Map<String, String> scalars(String key) {
        Object value = values.get(key);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(key, "must be a JSON object of name to value");
            return result;
        }
        map.forEach((name, item) -> {
            if (item == null || item instanceof Map || item instanceof List) {
                problems.add(at(key) + "." + name, "must be text, a number or a boolean");
            } else {
                result.put(String.valueOf(name), String.valueOf(item));
            }
        });
        return result;
    }

    /** A nested object at {@code key}, allowing only {@code keys}; empty when absent or malformed. */
    Optional<ConfigObject> object(String key, Set<String> keys) {
        Object value = values.get(key);
        return value == null ? Optional.empty() : open(at(key), value, keys, problems);
    }

    /** A value that must be one of {@code choices}; a problem listing them otherwise. */
    Optional<String> choice(String key, List<String> choices) {
        Optional<String> value = text(key);
        if (value.isPresent() && !choices.contains(value.get())) {
            problem(key, "must be one of " + String.join(", ", choices) + ", not '" + value.get() + "'");
            return Optional.empty();
        }
        return value;
    }

    ConfigProblems problems() {
        return problems;
    }
}
