package dev.tributary.spi.webhook;

/**
 * Verifies and reads the webhook deliveries of one data source: the optional capability a connector offers through
 * {@link dev.tributary.spi.BaseConnector#webhookReceiver()} when its source can push changes.
 *
 * <p>The runtime calls {@link #receive(WebhookRequest)} once per delivery, possibly from several threads at once,
 * after the connector was initialised with the data source's configuration (which holds the signing secret).
 * The receiver makes no network call and writes nothing: the runtime applies the accepted event.
 *
 * @since 1.1
 */
public interface WebhookReceiver {

    /**
     * Verifies the delivery's signature over the raw body <em>before</em> reading anything from it, then maps the
     * event to entity changes.
     *
     * @param request the delivery as received
     * @return {@link WebhookOutcome.Refused} for a forged, tampered, missing, stale or malformed delivery;
     *     {@link WebhookOutcome.Ignored} for a verified event that changes no table; otherwise
     *     {@link WebhookOutcome.Accepted}; never null. Bad input is an outcome, never an exception.
     */
    WebhookOutcome receive(WebhookRequest request);

    /**
     * How to register this data source's webhook URL with the source, for people (the CLI and the console show it
     * next to the URL), e.g. {@code Stripe Dashboard > Developers > Webhooks > Add endpoint}.
     *
     * @implSpec The default returns an empty text.
     */
    default String registrationHint() {
        return "";
    }
}
