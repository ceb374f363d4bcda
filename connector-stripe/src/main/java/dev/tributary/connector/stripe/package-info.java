/**
 * The Stripe connector: syncs customers, subscriptions, charges, invoices, products, plans and prices through
 * stripe-java's raw-request API, keeping every record exactly as Stripe returned it, and follows changes to older
 * objects through the Events API. Everything here except {@link dev.tributary.connector.stripe.StripeConnector} is
 * implementation.
 */
package dev.tributary.connector.stripe;
