package dev.tributary.runtime.sync;

/**
 * An entity failed because its fetch kept failing with retryable errors beyond the retry limit. The message names
 * the entity, the number of attempts and the last error.
 */
final class RetriesExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RetriesExhaustedException(String entity, int failures, Throwable last) {
        super("entity '" + entity + "' gave up after " + failures + " consecutive failures; last: "
                + last.getMessage(), last);
    }
}
