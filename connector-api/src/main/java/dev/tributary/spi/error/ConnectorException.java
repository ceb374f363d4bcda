package dev.tributary.spi.error;

/**
 * The root of the exceptions a connector throws to tell the runtime what happened. The kinds are closed so that the
 * runtime's reaction to each is defined; new kinds may be added in minor SPI versions.
 *
 * <p>Messages must never contain a secret (API keys, tokens, passwords).
 *
 * @since 1.0
 */
public abstract sealed class ConnectorException extends RuntimeException
        permits InvalidConfigException, AuthenticationException, RateLimitedException, TransientException,
        PermanentException {

    private static final long serialVersionUID = 1L;

    ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the runtime may retry the failed operation. */
    public abstract boolean isRetryable();
}
