package dev.tributary.connector.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.RawRequestOptions;
import com.stripe.net.StripeResponse;
import dev.tributary.spi.error.ConnectorException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Stripe lists through stripe-java's raw-request API, so every object arrives as the JSON Stripe sent (no
 * round trip through stripe-java's typed model, which would drop fields newer than the SDK). Requests go through
 * {@link PermitTakingHttpClient}; stripe-java's own retries are off.
 *
 * <p>One instance per rate limiter; thread-safe.
 */
final class StripeApi {

    private final StripeClient client;

    StripeApi(StripeConfig config, RateLimiter rateLimiter, Duration timeout, Clock clock) {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(config.apiKey())
                .setApiBase(config.apiBase())
                .setMaxNetworkRetries(0)
                .setConnectTimeout(timeoutMillis)
                .setReadTimeout(timeoutMillis)
                .setHttpClient(new PermitTakingHttpClient(new HttpURLConnectionClient(), rateLimiter, clock));
        config.stripeAccount().ifPresent(builder::setStripeAccount);
        this.client = builder.build();
    }

    /**
     * Fetches one list page.
     *
     * @throws ConnectorException classifying any failure
     */
    ListPage list(Query query) {
        try {
            return parse(query, get(query));
        } catch (StripeErrorException e) {
            throw e.error().toException();
        }
    }

    /**
     * Fetches one list page whose cursor may point at an object Stripe no longer has (an expired event); empty in
     * that case.
     *
     * @throws ConnectorException classifying any other failure
     */
    Optional<ListPage> listUnlessCursorMissing(Query query) {
        try {
            return Optional.of(parse(query, get(query)));
        } catch (StripeErrorException e) {
            if (e.error().isResourceMissing()) {
                return Optional.empty();
            }
            throw e.error().toException();
        }
    }

    private StripeResponse get(Query query) {
        try {
            return client.rawRequest(ApiResource.RequestMethod.GET, query.relativeUrl(), null,
                    RawRequestOptions.builder().build());
        } catch (StripeException e) {
            // PermitTakingHttpClient classifies HTTP and network failures itself; this is what stripe-java raises
            // before sending (e.g. a request it cannot build).
            String message = query.path() + " failed in stripe-java: " + StripeError.mask(e.getMessage());
            throw e.getStatusCode() == null ? new TransientException(message, e) : new PermanentException(message, e);
        }
    }

    private static ListPage parse(Query query, StripeResponse response) {
        String requestId = Optional.ofNullable(response.requestId()).map(id -> " (request " + id + ")").orElse("");
        Map<String, Object> json;
        try {
            json = RawJson.parseObject(response.body());
        } catch (RawJson.MalformedJsonException e) {
            throw new PermanentException("Stripe returned malformed JSON for GET " + query.path() + requestId + ": "
                    + e.getMessage());
        }
        if (!(json.get("data") instanceof List<?> data) || !(json.get("has_more") instanceof Boolean hasMore)) {
            throw new PermanentException("Stripe's answer to GET " + query.path() + requestId
                    + " is not a list (no 'data' array or 'has_more' flag)");
        }
        List<Map<String, Object>> objects = new ArrayList<>(data.size());
        for (Object item : data) {
            if (!(item instanceof Map<?, ?> map) || !(map.get("id") instanceof String)) {
                throw new PermanentException("Stripe's answer to GET " + query.path() + requestId
                        + " holds a list item without an 'id'");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            objects.add(object);
        }
        return new ListPage(objects, hasMore);
    }
}
