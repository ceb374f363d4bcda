package dev.tributary.spi.error;

/**
 * A failure that repeating will not fix: a rejected request parameter, a malformed response, a missing resource.
 * The runtime fails the entity with this message, keeps its committed state and goes on with other entities.
 *
 * @since 1.0
 */
public final class PermanentException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and, where possible, what to do about it */
    public PermanentException(String message) {
        super(message, null);
    }

    /** @param message what failed and, where possible, what to do about it */
    public PermanentException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
