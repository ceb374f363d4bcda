package dev.tributary.runtime.server;

import dev.tributary.runtime.config.ConfigValidationException;
import dev.tributary.runtime.crypto.EncryptionException;
import dev.tributary.runtime.plugin.UnknownConnectorException;
import dev.tributary.runtime.store.DuplicateDataSourceException;
import dev.tributary.runtime.store.NoSuchDataSourceException;
import dev.tributary.runtime.store.SyncAlreadyRunningException;
import dev.tributary.spi.error.InvalidConfigException;
import java.util.Optional;

/**
 * Turns the runtime's exceptions into API errors. Their messages name inputs, never secret values, so they are
 * passed on; anything not listed here is an internal error whose details stay in the server log.
 */
final class RuntimeErrors {

    private RuntimeErrors() {
    }

    /** The API error for a failure, or empty when it is unexpected (answered as 500). */
    static Optional<ApiError> translate(Exception failure) {
        if (failure instanceof ApiError error) {
            return Optional.of(error);
        }
        if (failure instanceof ConfigValidationException invalid) {
            return Optional.of(ApiError.invalidFields(invalid.getMessage(), invalid.problems()));
        }
        if (failure instanceof InvalidConfigException invalid) {
            return Optional.of(ApiError.invalidField(invalid.field(), invalid.getMessage()));
        }
        if (failure instanceof NoSuchDataSourceException) {
            return Optional.of(new ApiError(404, "not_found", failure.getMessage(), Optional.empty()));
        }
        if (failure instanceof DuplicateDataSourceException) {
            return Optional.of(new ApiError(409, "conflict", failure.getMessage(), Optional.of("name")));
        }
        if (failure instanceof UnknownConnectorException) {
            return Optional.of(ApiError.invalidField("connector", failure.getMessage()));
        }
        if (failure instanceof SyncAlreadyRunningException) {
            return Optional.of(ApiError.conflict(failure.getMessage()));
        }
        if (failure instanceof EncryptionException) {
            return Optional.of(new ApiError(500, "encryption", failure.getMessage(), Optional.empty()));
        }
        return Optional.empty();
    }
}
