package dev.tributary.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigSchema;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks raw configuration values against a connector's {@link ConfigSchema} and converts them to their declared
 * types: text from the command line ({@code "5"}, {@code "true"}, {@code "{...}"}) becomes a number, boolean, map or
 * list; defaults are filled in; unknown, missing and malformed fields are each reported, by name, without values.
 *
 * <p>Thread-safe.
 */
public final class ConfigValidator {

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Validates and converts {@code raw}.
     *
     * @param connectorId the connector the configuration is for, used in the error message
     * @throws ConfigValidationException naming every field at fault
     */
    public Config validate(String connectorId, ConfigSchema schema, Map<String, ?> raw) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String name : raw.keySet()) {
            if (schema.field(name).isEmpty()) {
                problems.add(new ConfigProblem(name, "is not a field of connector '" + connectorId
                        + "' (known fields: " + String.join(", ", schema.fields().stream().map(ConfigField::name)
                        .toList()) + ")"));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigField field : schema.fields()) {
            Object value = raw.get(field.name());
            if (value == null || (value instanceof String text && text.isBlank())) {
                if (field.required()) {
                    problems.add(new ConfigProblem(field.name(), "is required (" + describe(field) + ")"));
                    continue;
                }
                if (field.defaultValue().isEmpty()) {
                    continue;
                }
                value = field.defaultValue().get();
            }
            try {
                values.put(field.name(), convert(field, value));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(field.name(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(connectorId, problems);
        }
        return Config.of(values, schema);
    }

    private static String describe(ConfigField field) {
        return field.help().isBlank() ? field.label() : field.label() + ": " + field.help();
    }

    private Object convert(ConfigField field, Object value) {
        return switch (field.type()) {
            case STRING -> requireScalar(value, "text").toString();
            case INTEGER -> toInteger(value);
            case NUMBER -> toNumber(value);
            case BOOLEAN -> toBoolean(value);
            case URL -> toUrl(requireScalar(value, "a URL").toString());
            case OBJECT -> toStructure(value, Map.class, "a JSON object");
            case LIST -> toStructure(value, List.class, "a JSON array");
        };
    }

    private static Object requireScalar(Object value, String expected) {
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException("must be " + expected + ", not a JSON structure");
        }
        return value;
    }

    private static Long toInteger(Object value) {
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString());
            if (decimal.stripTrailingZeros().scale() <= 0) {
                return decimal.longValueExact();
            }
            throw new IllegalArgumentException("must be a whole number");
        }
        try {
            return Long.parseLong(requireScalar(value, "a whole number").toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    private static Number toNumber(Object value) {
        if (value instanceof Number number) {
            return number;
        }
        try {
            return new BigDecimal(requireScalar(value, "a number").toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
    }

    private static Boolean toBoolean(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = requireScalar(value, "true or false").toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private static String toUrl(String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("");
            if (!(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an absolute http or https URL");
            }
            return text.trim();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an absolute http or https URL (not parseable at index "
                    + e.getIndex() + ")");
        }
    }

    private Object toStructure(Object value, Class<?> type, String expected) {
        Object parsed = value;
        if (value instanceof String text) {
            try {
                parsed = json.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("must be " + expected + " (JSON syntax error at line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
            }
        }
        if (!type.isInstance(parsed)) {
            throw new IllegalArgumentException("must be " + expected);
        }
        return parsed;
    }
}
