package dev.tributary.connector.graphql;

import dev.tributary.connector.http.ConfigProblems;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.ValueFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How GraphQL scalars map to the SPI's field types: the built-in ones fixed ({@code String}/{@code ID} string,
 * {@code Int} integer, {@code Float} number, {@code Boolean} boolean), custom ones from the {@code scalar_types}
 * setting or else by name ({@code DateTime}, {@code Timestamp}, {@code Instant}... timestamp; {@code Date} date;
 * {@code JSON}... json; {@code BigInt}, {@code Long}... integer; {@code Decimal}, {@code BigDecimal} number), and
 * string otherwise. Custom numeric scalars often travel as JSON text (GitHub's {@code BigInt}), so their values are
 * read in either shape, exactly ({@link ValueFormat#DECIMAL_STRING}). Immutable.
 *
 * @param configured custom scalar name to field type, from the {@code scalar_types} configuration field
 */
record ScalarTypes(Map<String, FieldType> configured) {

    static final String FIELD = "scalar_types";

    private static final Map<String, FieldType> BUILT_IN = Map.of("String", FieldType.STRING, "ID", FieldType.STRING,
            "Int", FieldType.INTEGER, "Float", FieldType.NUMBER, "Boolean", FieldType.BOOLEAN);
    private static final Map<String, FieldType> ALLOWED = Map.of("string", FieldType.STRING, "integer",
            FieldType.INTEGER, "number", FieldType.NUMBER, "boolean", FieldType.BOOLEAN, "timestamp",
            FieldType.TIMESTAMP, "date", FieldType.DATE, "json", FieldType.JSON);

    private static final Set<String> INTEGERS = Set.of("long", "bigint", "biginteger", "int64", "short", "byte");
    private static final Set<String> NUMBERS = Set.of("decimal", "bigdecimal");

    ScalarTypes {
        configured = Map.copyOf(configured);
    }

    /**
     * Reads {@code scalar_types}, e.g. {@code {"Time": "timestamp", "Money": "number"}}.
     *
     * @throws dev.tributary.spi.error.InvalidConfigException naming the entry at fault
     */
    static ScalarTypes from(Config config) {
        ConfigProblems problems = new ConfigProblems();
        Map<String, FieldType> configured = new LinkedHashMap<>();
        Optional<Object> raw = config.get(FIELD);
        if (raw.isPresent() && !(raw.get() instanceof Map<?, ?>)) {
            problems.add(FIELD, "must be a JSON object of custom scalar name to type, e.g. {\"Time\": \"timestamp\"}");
        } else if (raw.isPresent()) {
            ((Map<?, ?>) raw.get()).forEach((name, type) -> {
                FieldType mapped = type == null ? null : ALLOWED.get(type.toString().toLowerCase(Locale.ROOT));
                if (mapped == null) {
                    problems.add(FIELD + "." + name, "must be one of " + String.join(", ",
                            new TreeSet<>(ALLOWED.keySet())));
                } else {
                    configured.put(String.valueOf(name), mapped);
                }
            });
        }
        problems.throwIfAny();
        return new ScalarTypes(configured);
    }

    /** The field type of the scalar with this name. */
    FieldType typeOf(String scalar) {
        FieldType fixed = BUILT_IN.get(scalar);
        if (fixed != null) {
            return fixed;
        }
        FieldType chosen = configured.get(scalar);
        if (chosen != null) {
            return chosen;
        }
        String name = scalar.toLowerCase(Locale.ROOT);
        if (name.contains("datetime") || name.contains("timestamp") || name.equals("instant")) {
            return FieldType.TIMESTAMP;
        }
        if (name.equals("date") || name.equals("localdate")) {
            return FieldType.DATE;
        }
        if (name.contains("json")) {
            return FieldType.JSON;
        }
        if (INTEGERS.contains(name)) {
            return FieldType.INTEGER;
        }
        return NUMBERS.contains(name) ? FieldType.NUMBER : FieldType.STRING;
    }

    /**
     * How values of the scalar with this name are read: a custom scalar typed {@code integer} or {@code number} (by
     * name or by {@code scalar_types}) as a JSON number or numeric text, without rounding; everything else as its
     * type's natural JSON shape.
     */
    ValueFormat formatOf(String scalar) {
        FieldType type = typeOf(scalar);
        boolean numeric = type == FieldType.INTEGER || type == FieldType.NUMBER;
        return numeric && !BUILT_IN.containsKey(scalar) ? ValueFormat.DECIMAL_STRING : ValueFormat.DEFAULT;
    }
}
