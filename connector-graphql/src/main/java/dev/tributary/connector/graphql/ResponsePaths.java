package dev.tributary.connector.graphql;

import dev.tributary.spi.error.PermanentException;
import java.util.Map;

/** Reads the typed values pagination needs from a response's {@code data}, failing clearly when absent. */
final class ResponsePaths {

    private ResponsePaths() {
    }

    /**
     * The boolean at {@code path}.
     *
     * @throws PermanentException naming the query and setting when the value is missing or not a boolean
     */
    static boolean requireBoolean(QuerySpec spec, String setting, JsonPath path, Map<String, Object> data) {
        Object value = path.resolve(data).orElse(null);
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new PermanentException("query '" + spec.name() + "': " + setting + " '" + path + "' is "
                + (value == null ? "missing or null" : "not true/false") + " in the response; check " + setting);
    }

    /**
     * The whole number at {@code path}.
     *
     * @throws PermanentException naming the query when the value is missing or not a whole number
     */
    static long requireCount(QuerySpec spec, JsonPath path, Map<String, Object> data) {
        Object value = path.resolve(data).orElse(null);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new PermanentException("query '" + spec.name() + "': totalCountPath '" + path + "' is "
                + (value == null ? "missing or null" : "not a number") + " in the response; check totalCountPath");
    }
}
