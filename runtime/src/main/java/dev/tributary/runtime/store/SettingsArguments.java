package dev.tributary.runtime.store;

import dev.tributary.spi.config.SchemaContract;
import dev.tributary.spi.config.Settings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads sync settings given as {@code KEY=VALUE} ({@code --setting batchSize=500}) and applies them to a
 * {@link Settings}. Names: {@value #NAMES}; each is also accepted in the other spelling ({@code batch_size} for
 * {@code batchSize}, {@code schemaContract} for {@code schema_contract}, see {@link #ALIASES}), and
 * {@link #format} writes the names of {@value #NAMES}. Durations are {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 1d} or ISO-8601 ({@code PT30S}).
 *
 * <p>Stateless and thread-safe.
 */
public final class SettingsArguments {

    /** The setting names, as listed in messages. */
    public static final String NAMES =
            "batchSize, requestsPerSecond, burst, maxRetries, requestTimeout, lookBack, concurrency, schema_contract,"
                    + " keep_raw_record, max_nesting_depth";

    /** The other spelling of each two-word setting name, to the name {@link #apply} and {@link #format} use. */
    public static final Map<String, String> ALIASES = Map.of("batch_size", "batchSize",
            "requests_per_second", "requestsPerSecond", "max_retries", "maxRetries",
            "request_timeout", "requestTimeout", "look_back", "lookBack", "schemaContract", "schema_contract",
            "keepRawRecord", "keep_raw_record", "maxNestingDepth", "max_nesting_depth");

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /**
     * Splits {@code KEY=VALUE} arguments into a map; a later key replaces an earlier one.
     *
     * @throws IllegalArgumentException naming an argument without {@code =}
     */
    public Map<String, String> parse(List<String> arguments) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--setting '" + argument + "' must have the form KEY=VALUE with"
                        + " KEY one of " + NAMES);
            }
            values.put(argument.substring(0, equals).trim(), argument.substring(equals + 1).trim());
        }
        return values;
    }

    /**
     * Applies {@code changes} (name to value text) to {@code base}.
     *
     * @throws IllegalArgumentException naming the setting that is unknown or whose value is malformed or out of
     *     range
     */
    public Settings apply(Settings base, Map<String, String> changes) {
        Settings settings = base;
        Map<String, String> spelledAs = new LinkedHashMap<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String name = ALIASES.getOrDefault(change.getKey(), change.getKey());
            String earlier = spelledAs.put(name, change.getKey());
            if (earlier != null) {
                throw new IllegalArgumentException("setting '" + name + "' is given twice, as '" + earlier
                        + "' and as '" + change.getKey() + "'; keep one of them");
            }
            String value = change.getValue();
            settings = switch (name) {
                case "batchSize" -> settings.withBatchSize(toInt(name, value));
                case "requestsPerSecond" -> settings.withRequestsPerSecond(toDouble(name, value));
                case "burst" -> settings.withBurst(toInt(name, value));
                case "maxRetries" -> settings.withMaxRetries(toInt(name, value));
                case "requestTimeout" -> settings.withRequestTimeout(toDuration(name, value));
                case "lookBack" -> settings.withLookBack(toDuration(name, value));
                case "concurrency" -> settings.withConcurrency(toInt(name, value));
                case "schema_contract" -> settings.withSchemaContract(SchemaContract.fromSetting(value));
                case "keep_raw_record" -> settings.withKeepRawRecord(toBoolean(name, value));
                case "max_nesting_depth" -> settings.withMaxNestingDepth(toInt(name, value));
                default -> throw new IllegalArgumentException("unknown setting '" + name + "'; known settings: "
                        + NAMES);
            };
        }
        return settings;
    }

    /** {@code settings} as name to text, in the form {@link #apply} reads back. */
    public Map<String, String> format(Settings settings) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("batchSize", Integer.toString(settings.batchSize()));
        values.put("requestsPerSecond", Double.toString(settings.requestsPerSecond()));
        values.put("burst", Integer.toString(settings.burst()));
        values.put("maxRetries", Integer.toString(settings.maxRetries()));
        values.put("requestTimeout", settings.requestTimeout().toString());
        values.put("lookBack", settings.lookBack().toString());
        values.put("concurrency", Integer.toString(settings.concurrency()));
        values.put("schema_contract", settings.schemaContract().settingValue());
        values.put("keep_raw_record", Boolean.toString(settings.keepRawRecord()));
        values.put("max_nesting_depth", Integer.toString(settings.maxNestingDepth()));
        return values;
    }

    private static int toInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + name + " must be a whole number, was '" + value + "'");
        }
    }

    private static boolean toBoolean(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("setting " + name + " must be true or false, was '" + value
                    + "'");
        };
    }

    private static double toDouble(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + name + " must be a number, was '" + value + "'");
        }
    }

    static Duration toDuration(String name, String value) {
        Matcher matcher = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("setting " + name + " must be a duration such as 30s, 5m, 2h or"
                    + " PT30S, was '" + value + "'");
        }
    }
}
