/**
 * Webhooks (since 1.1): the optional capability of a connector whose source pushes changes. The runtime receives
 * an HTTP delivery, hands it to the connector's {@link dev.tributary.spi.webhook.WebhookReceiver} (found through
 * {@link dev.tributary.spi.BaseConnector#webhookReceiver()}), which verifies the source's signature and turns the
 * delivery into a {@link dev.tributary.spi.webhook.WebhookEvent}: record upserts and deletions per entity, the same
 * shape a sync writes. The runtime then applies the event to the data source's tables in one transaction, once per
 * event id, never older data over newer, before it answers the source.
 *
 * <p>JDK only; evolves by addition like the rest of the SPI.
 */
package dev.tributary.spi.webhook;
