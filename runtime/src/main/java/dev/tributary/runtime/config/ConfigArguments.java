package dev.tributary.runtime.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Parses {@code KEY=VALUE} arguments (as given to {@code --config}) into a raw configuration map. A value of the
 * form {@code env:NAME} is read from the environment variable {@code NAME}, so secrets stay out of shell history.
 *
 * <p>Thread-safe.
 */
public final class ConfigArguments {

    private static final String ENV_PREFIX = "env:";

    private final UnaryOperator<String> environment;

    /** Reads {@code env:} values from the process environment. */
    public ConfigArguments() {
        this(System::getenv);
    }

    /** Reads {@code env:} values through {@code environment}, which returns null for an unset variable. */
    public ConfigArguments(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /**
     * Parses the arguments in order; a later key replaces an earlier one.
     *
     * @throws IllegalArgumentException naming the argument (or key) that is malformed or whose variable is unset;
     *     never containing a value
     */
    public Map<String, Object> parse(List<String> arguments) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals <= 0) {
                String key = equals == 0 ? "" : argument;
                throw new IllegalArgumentException("--config argument " + (key.isEmpty() ? "with an empty key"
                        : "'" + key + "'") + " must have the form KEY=VALUE");
            }
            String key = argument.substring(0, equals).trim();
            String value = argument.substring(equals + 1);
            if (value.startsWith(ENV_PREFIX)) {
                String variable = value.substring(ENV_PREFIX.length());
                value = environment.apply(variable);
                if (value == null) {
                    throw new IllegalArgumentException("--config " + key + "=env:" + variable
                            + ": environment variable " + variable + " is not set");
                }
            }
            values.put(key, value);
        }
        return values;
    }
}
