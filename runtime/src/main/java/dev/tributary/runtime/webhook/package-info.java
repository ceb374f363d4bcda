/**
 * Webhook deliveries as the runtime reports them: the {@link dev.tributary.runtime.webhook.WebhookReceipt} of one
 * delivery and the {@link dev.tributary.runtime.webhook.WebhookActivity} of a data source since the runtime started.
 * Values returned by {@link dev.tributary.runtime.Tributary}; {@link
 * dev.tributary.runtime.webhook.WebhookActivityLog} is implementation.
 */
package dev.tributary.runtime.webhook;
