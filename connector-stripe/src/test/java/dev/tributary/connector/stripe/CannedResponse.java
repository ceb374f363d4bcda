package dev.tributary.connector.stripe;

import java.util.Map;

/**
 * One HTTP response of the fake Stripe.
 *
 * @param status the HTTP status
 * @param headers extra response headers
 * @param body the body text
 */
record CannedResponse(int status, Map<String, String> headers, String body) {
}
