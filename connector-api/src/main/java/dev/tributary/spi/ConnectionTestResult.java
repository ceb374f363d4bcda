package dev.tributary.spi;

import java.util.Objects;

/**
 * The outcome of {@link BaseConnector#testConnection()}: whether the source answered with the configured
 * credentials, and a message for a person (on success, e.g. the account or organisation reached; on failure, what
 * went wrong and what to check).
 *
 * @param success whether the connection works
 * @param message a human-readable explanation, never null, never containing a secret
 * @since 1.0
 */
public record ConnectionTestResult(boolean success, String message) {

    public ConnectionTestResult {
        Objects.requireNonNull(message, "message");
    }

    /** A successful test with the given message. */
    public static ConnectionTestResult success(String message) {
        return new ConnectionTestResult(true, message);
    }

    /** A failed test with the given message, which should say what to check. */
    public static ConnectionTestResult failure(String message) {
        return new ConnectionTestResult(false, message);
    }
}
