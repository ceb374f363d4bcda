package dev.tributary.connector.stripe;

import static dev.tributary.spi.schema.SchemaField.array;
import static dev.tributary.spi.schema.SchemaField.bool;
import static dev.tributary.spi.schema.SchemaField.integer;
import static dev.tributary.spi.schema.SchemaField.number;
import static dev.tributary.spi.schema.SchemaField.object;
import static dev.tributary.spi.schema.SchemaField.string;

import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.List;

/**
 * The declared fields of Stripe's catalog: products, plans and prices (fixtures {@code product.json},
 * {@code plan.json}, {@code price.json}; stripe-java's {@code Product}, {@code Plan}, {@code Price}). Plans and
 * prices also appear nested in subscription items, so their field lists are shared.
 */
final class StripeCatalogSchemas {

    /** The fields of a product ({@code com.stripe.model.Product}). */
    static final EntitySchema PRODUCTS = EntitySchema.of(
            string("id").notNull().withDescription("Unique identifier, prod_..."),
            string("object").notNull().withDescription("Always 'product'."),
            bool("active").withDescription("Whether the product can be bought."),
            StripeFields.created("product"),
            string("default_price").withDescription("Id of the default price."),
            string("description"),
            array("images").withDescription("Image URLs, kept whole."),
            StripeFields.livemode(),
            array("marketing_features").withDescription("Marketing feature list, kept whole."),
            StripeFields.metadata(),
            string("name"),
            object("package_dimensions",
                    number("height"), number("length"), number("weight"), number("width"))
                    .withDescription("Dimensions for shipping, in inches and ounces."),
            bool("shippable"),
            string("statement_descriptor"),
            string("tax_code").withDescription("Id of the tax code."),
            string("unit_label"),
            StripeFields.epoch("updated").withDescription("When the product was last updated."),
            string("url"),
            string("type").withDescription("good or service."));

    /** The fields of a plan ({@code com.stripe.model.Plan}). */
    static final EntitySchema PLANS = new EntitySchema(planFields());

    /** The fields of a price ({@code com.stripe.model.Price}). */
    static final EntitySchema PRICES = new EntitySchema(priceFields());

    private StripeCatalogSchemas() {
    }

    /** A plan's fields; also the fields of a subscription item's {@code plan}. */
    static List<SchemaField> planFields() {
        return List.of(
                string("id").notNull().withDescription("Unique identifier."),
                string("object").notNull().withDescription("Always 'plan'."),
                bool("active"),
                integer("amount").withDescription("Amount per period in the smallest currency unit."),
                number("amount_decimal").withFormat(ValueFormat.DECIMAL_STRING)
                        .withDescription("Amount per period with decimal places, sent as text."),
                string("billing_scheme").withDescription("per_unit or tiered."),
                StripeFields.created("plan"),
                StripeFields.currency(),
                string("interval").withDescription("day, week, month or year."),
                integer("interval_count").withDescription("Number of intervals between billings."),
                StripeFields.livemode(),
                StripeFields.metadata(),
                string("meter").withDescription("Id of the billing meter, for metered plans."),
                string("nickname"),
                string("product").withDescription("Id of the product."),
                string("tiers_mode").withDescription("graduated or volume, for tiered plans."),
                object("transform_usage", integer("divide_by"), string("round"))
                        .withDescription("How usage is divided before billing."),
                integer("trial_period_days"),
                string("usage_type").withDescription("licensed or metered."));
    }

    /** A price's fields; also the fields of a subscription item's {@code price}. */
    static List<SchemaField> priceFields() {
        return List.of(
                string("id").notNull().withDescription("Unique identifier, price_..."),
                string("object").notNull().withDescription("Always 'price'."),
                bool("active"),
                string("billing_scheme").withDescription("per_unit or tiered."),
                StripeFields.created("price"),
                StripeFields.currency(),
                object("custom_unit_amount", integer("maximum"), integer("minimum"), integer("preset"))
                        .withDescription("Bounds for customer-chosen amounts, smallest currency unit."),
                StripeFields.livemode(),
                string("lookup_key"),
                StripeFields.metadata(),
                string("nickname"),
                string("product").withDescription("Id of the product."),
                object("recurring",
                        string("interval"), integer("interval_count"), string("meter"), string("usage_type"),
                        integer("trial_period_days"))
                        .withDescription("Billing period of a recurring price."),
                string("tax_behavior").withDescription("inclusive, exclusive or unspecified."),
                string("tiers_mode"),
                object("transform_quantity", integer("divide_by"), string("round"))
                        .withDescription("How the quantity is divided before billing."),
                string("type").withDescription("one_time or recurring."),
                integer("unit_amount").withDescription("Unit amount in the smallest currency unit."),
                number("unit_amount_decimal").withFormat(ValueFormat.DECIMAL_STRING)
                        .withDescription("Unit amount with decimal places, sent as text."));
    }
}
