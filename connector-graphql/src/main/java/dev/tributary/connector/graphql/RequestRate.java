package dev.tributary.connector.graphql;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.ratelimit.RequestBudget;
import java.util.Optional;

/**
 * The request budget of a GraphQL data source, from its optional {@code requests_per_second} field: a GraphQL API's
 * allowance cannot be known in advance (many count query cost, not requests), so without the field the connector
 * declares a conservative {@value #DEFAULT_REQUESTS_PER_SECOND} requests/s.
 */
final class RequestRate {

    static final String FIELD = "requests_per_second";
    static final double DEFAULT_REQUESTS_PER_SECOND = 5;

    private RequestRate() {
    }

    /**
     * Reads the budget from the configuration.
     *
     * @throws InvalidConfigException naming {@code requests_per_second} when it is not a positive number
     */
    static RequestBudget from(Config config) {
        Optional<Object> raw = config.get(FIELD).filter(value -> !value.toString().isBlank());
        if (raw.isEmpty()) {
            return new RequestBudget(DEFAULT_REQUESTS_PER_SECOND, 1, "the GraphQL connector's conservative default;"
                    + " set requests_per_second to the API's allowance");
        }
        double rate;
        try {
            rate = raw.get() instanceof Number number ? number.doubleValue()
                    : Double.parseDouble(raw.get().toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(FIELD, "must be a number of requests per second, e.g. 20");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new InvalidConfigException(FIELD, "must be a positive number of requests per second, e.g. 20");
        }
        return new RequestBudget(rate, 1, "the requests_per_second configuration field");
    }
}
