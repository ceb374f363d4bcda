package dev.tributary.spi.error;

import java.util.Objects;

/**
 * The data source's configuration is unusable; the runtime reports the field and does not retry.
 *
 * @since 1.0
 */
public final class InvalidConfigException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the config field at fault, e.g. {@code api_key}
     * @param message what is wrong and how to fix it, without the field's value
     */
    public InvalidConfigException(String field, String message) {
        super("config field '" + Objects.requireNonNull(field, "field") + "': " + message, null);
        this.field = field;
    }

    /** The config field at fault. */
    public String field() {
        return field;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
