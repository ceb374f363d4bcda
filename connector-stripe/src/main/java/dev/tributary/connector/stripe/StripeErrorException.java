package dev.tributary.connector.stripe;

import java.util.Objects;

/**
 * Carries a {@link StripeError} from the HTTP layer (called by stripe-java) up to {@link StripeApi}, which decides
 * whether it becomes a {@link dev.tributary.spi.error.ConnectorException} or is handled (a vanished cursor).
 * Never leaves this package.
 */
final class StripeErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient StripeError error;

    StripeErrorException(StripeError error) {
        super(Objects.requireNonNull(error, "error").message(), null, false, false);
        this.error = error;
    }

    StripeError error() {
        return error;
    }
}
