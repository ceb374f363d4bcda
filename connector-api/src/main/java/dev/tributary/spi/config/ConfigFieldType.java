package dev.tributary.spi.config;

/**
 * The JSON type of a configuration value, which tells the runtime how to parse {@code --config key=value} text and
 * a form how to render the field.
 *
 * @since 1.0
 */
public enum ConfigFieldType {
    /** Text. */
    STRING,
    /** A whole number. */
    INTEGER,
    /** Any number. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** An absolute {@code http} or {@code https} URL. */
    URL,
    /** A JSON object (e.g. a map of HTTP headers). */
    OBJECT,
    /** A JSON array (e.g. a list of queries). */
    LIST
}
