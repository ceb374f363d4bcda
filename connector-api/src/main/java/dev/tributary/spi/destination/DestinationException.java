package dev.tributary.spi.destination;

/**
 * A destination could not be opened, read or written. The message names the destination (without credentials) and
 * the operation; the sync engine fails the entity with it and keeps the committed state.
 *
 * @since 1.0
 */
public class DestinationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and what to check, without credentials */
    public DestinationException(String message) {
        super(message);
    }

    /** @param message what failed and what to check, without credentials */
    public DestinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
