package dev.tributary.connector.stripe;

import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;

/** Field declarations every Stripe object shares: epoch timestamps, currency, metadata and addresses. */
final class StripeFields {

    private StripeFields() {
    }

    /** A timestamp Stripe sends as Unix epoch seconds. */
    static SchemaField epoch(String name) {
        return SchemaField.timestamp(name, ValueFormat.EPOCH_SECONDS);
    }

    /** The not-null {@code created} epoch timestamp of an object of the given kind. */
    static SchemaField created(String kind) {
        return epoch("created").notNull().withDescription("When the " + kind + " was created.");
    }

    /** The lowercase ISO currency code. */
    static SchemaField currency() {
        return SchemaField.string("currency").withDescription("Three-letter ISO currency code, lowercase.");
    }

    /** Free-form key-value pairs, kept whole. */
    static SchemaField metadata() {
        return SchemaField.json("metadata").withDescription("Free-form key-value pairs, kept whole.");
    }

    /** A postal address object ({@code com.stripe.model.Address}). */
    static SchemaField address(String name) {
        return SchemaField.object(name,
                SchemaField.string("city"), SchemaField.string("country"), SchemaField.string("line1"),
                SchemaField.string("line2"), SchemaField.string("postal_code"), SchemaField.string("state"));
    }

    /** The livemode flag. */
    static SchemaField livemode() {
        return SchemaField.bool("livemode").withDescription("Live mode (true) or test mode (false).");
    }
}
