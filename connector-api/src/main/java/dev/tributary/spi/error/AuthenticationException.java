package dev.tributary.spi.error;

/**
 * The source rejected the credentials (HTTP 401/403 or equivalent); the runtime stops the entity without retrying.
 *
 * @since 1.0
 */
public final class AuthenticationException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    /** @param message the source's explanation and what to check, without the credential itself */
    public AuthenticationException(String message) {
        super(message, null);
    }

    /** @param message the source's explanation and what to check, without the credential itself */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
