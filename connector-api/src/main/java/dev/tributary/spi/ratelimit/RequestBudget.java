package dev.tributary.spi.ratelimit;

import java.util.Objects;

/**
 * The request rate a connector's API allows by default, declared by the connector (see
 * {@link dev.tributary.spi.BaseConnector#defaultRequestBudget()}) so a data source uses the API's real allowance
 * without tuning. A {@code requestsPerSecond} setting the user gives wins over it.
 *
 * @param requestsPerSecond the sustained rate, greater than zero
 * @param burst how many requests may go at once after a quiet spell, at least 1
 * @param basis where the figure comes from, for people, e.g. {@code "Stripe live mode allows 100 read requests/s"};
 *     never null
 * @since 1.1
 */
public record RequestBudget(double requestsPerSecond, int burst, String basis) {

    public RequestBudget {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be a positive number, was " + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        Objects.requireNonNull(basis, "basis");
    }
}
