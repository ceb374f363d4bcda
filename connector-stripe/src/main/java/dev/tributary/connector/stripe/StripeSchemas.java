package dev.tributary.connector.stripe;

import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;

/**
 * The declared fields of the Stripe entities, taken from the API fixtures ({@code fixtures/stripe/*.json}) and
 * stripe-java's model classes: amounts and balances are integers (smallest currency unit), epoch fields are
 * timestamps in {@link ValueFormat#EPOCH_SECONDS}, {@code metadata} and polymorphic objects are kept whole as json.
 * Every entity declares every top-level field its fixture has; fields Stripe adds later are inferred by the runtime.
 * The other entities' schemas live in {@link StripeBillingSchemas}, {@link StripeChargeSchemas} and
 * {@link StripeCatalogSchemas}.
 */
final class StripeSchemas {

    /** The fields of a customer ({@code com.stripe.model.Customer}, fixture {@code customer.json}). */
    static final EntitySchema CUSTOMERS = EntitySchema.of(
            SchemaField.string("id").notNull().withDescription("Unique identifier, cus_..."),
            SchemaField.string("object").notNull().withDescription("Always 'customer'."),
            SchemaField.object("address",
                    SchemaField.string("city"), SchemaField.string("country"), SchemaField.string("line1"),
                    SchemaField.string("line2"), SchemaField.string("postal_code"), SchemaField.string("state"))
                    .withDescription("The customer's address."),
            SchemaField.integer("balance").withDescription("Balance in the smallest currency unit."),
            SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS).notNull()
                    .withDescription("When the customer was created."),
            SchemaField.string("currency").withDescription("Three-letter ISO currency code, lowercase."),
            SchemaField.string("default_source").withDescription("Id of the default payment source."),
            SchemaField.bool("delinquent").withDescription("Whether the latest charge or invoice failed."),
            SchemaField.string("description"),
            SchemaField.json("discount").withDescription("The current discount, kept whole."),
            SchemaField.string("email"),
            SchemaField.string("invoice_prefix"),
            SchemaField.json("invoice_settings").withDescription("Default invoice settings, kept whole."),
            SchemaField.bool("livemode").withDescription("Live mode (true) or test mode (false)."),
            SchemaField.json("metadata").withDescription("Free-form key-value pairs, kept whole."),
            SchemaField.string("name"),
            SchemaField.integer("next_invoice_sequence"),
            SchemaField.string("phone"),
            SchemaField.array("preferred_locales").withDescription("Preferred languages, kept whole."),
            SchemaField.json("shipping").withDescription("Shipping details, kept whole."),
            SchemaField.string("tax_exempt").withDescription("none, exempt or reverse."),
            SchemaField.string("test_clock").withDescription("Id of the attached test clock."));

    private StripeSchemas() {
    }

    /** The declared schema of the entity. */
    static EntitySchema of(StripeEntity entity) {
        return switch (entity) {
            case CUSTOMERS -> CUSTOMERS;
            case SUBSCRIPTIONS -> StripeBillingSchemas.SUBSCRIPTIONS;
            case CHARGES -> StripeChargeSchemas.CHARGES;
            case INVOICES -> StripeBillingSchemas.INVOICES;
            case PRODUCTS -> StripeCatalogSchemas.PRODUCTS;
            case PLANS -> StripeCatalogSchemas.PLANS;
            case PRICES -> StripeCatalogSchemas.PRICES;
        };
    }
}
