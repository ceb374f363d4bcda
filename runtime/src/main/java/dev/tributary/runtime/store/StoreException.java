package dev.tributary.runtime.store;

/**
 * The store's database failed (unreachable, disk full, constraint broken by another process). The message names the
 * store (password hidden) and the operation; it holds no configuration values.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure of {@code operation} on the store at {@code location}. */
    public StoreException(StoreLocation location, String operation, Throwable cause) {
        super("store " + location + ": " + operation + " failed: " + cause.getMessage(), cause);
    }

    /** A failure described by {@code message}. */
    protected StoreException(String message) {
        super(message);
    }
}
