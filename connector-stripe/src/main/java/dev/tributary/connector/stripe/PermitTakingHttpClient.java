package dev.tributary.connector.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import dev.tributary.spi.error.TransientException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/**
 * The stripe-java transport the connector installs: takes a permit from the data source's {@link RateLimiter}
 * before every request and tells it how each was answered, and turns network failures and non-2xx responses into the connector's exceptions (with the
 * response headers, which stripe-java's own exceptions drop). stripe-java's retries are off; the runtime retries.
 *
 * <p>Thread-safe if the delegate is (stripe-java's default client is).
 */
final class PermitTakingHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final RateLimiter rateLimiter;
    private final Clock clock;

    PermitTakingHttpClient(HttpClient delegate, RateLimiter rateLimiter, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sends one request.
     *
     * @throws TransientException when Stripe cannot be reached or the connection breaks
     * @throws StripeErrorException when Stripe answers with a non-2xx status
     */
    @Override
    public StripeResponse request(StripeRequest request) throws StripeException {
        rateLimiter.acquire();
        String what = request.method() + " " + request.url().getPath();
        StripeResponse response;
        try {
            response = delegate.request(request);
        } catch (ApiConnectionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new TransientException("network error on " + what + " to " + request.url().getHost() + ": "
                    + cause.getClass().getSimpleName() + ": " + StripeError.mask(String.valueOf(cause.getMessage())),
                    e);
        }
        rateLimiter.responseReceived(response.code(), response.body() == null ? 0
                : response.body().getBytes(StandardCharsets.UTF_8).length);
        if (response.code() < 200 || response.code() >= 300) {
            throw new StripeErrorException(
                    StripeError.of(what, response.code(), response.body(), response.headers().map(), clock));
        }
        return response;
    }
}
