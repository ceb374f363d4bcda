package dev.tributary.connector.stripe;

import static dev.tributary.spi.schema.SchemaField.array;
import static dev.tributary.spi.schema.SchemaField.bool;
import static dev.tributary.spi.schema.SchemaField.integer;
import static dev.tributary.spi.schema.SchemaField.json;
import static dev.tributary.spi.schema.SchemaField.number;
import static dev.tributary.spi.schema.SchemaField.object;
import static dev.tributary.spi.schema.SchemaField.string;

import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.List;

/**
 * The declared fields of Stripe's billing objects: subscriptions and invoices (fixtures {@code subscription.json},
 * {@code invoice.json}; stripe-java's {@code Subscription}, {@code SubscriptionItem}, {@code Invoice},
 * {@code InvoiceLineItem}). Their embedded lists ({@code items}, {@code lines}) are list envelopes whose
 * {@code data} is an array of objects with declared element fields, so the runtime can give them child tables.
 */
final class StripeBillingSchemas {

    /** The fields of a subscription item, an element of {@code items.data}. */
    static final List<SchemaField> SUBSCRIPTION_ITEM = List.of(
            string("id").notNull().withDescription("Unique identifier, si_..."),
            string("object").notNull().withDescription("Always 'subscription_item'."),
            StripeFields.created("subscription item"),
            StripeFields.epoch("current_period_end").withDescription("End of the current billing period."),
            StripeFields.epoch("current_period_start").withDescription("Start of the current billing period."),
            array("discounts").withDescription("Ids of the item's discounts, kept whole."),
            StripeFields.metadata(),
            new SchemaField("price", FieldType.OBJECT, true, "The price being billed.",
                    StripeCatalogSchemas.priceFields(), ValueFormat.DEFAULT),
            new SchemaField("plan", FieldType.OBJECT, true, "The plan being billed (older form of the price).",
                    StripeCatalogSchemas.planFields(), ValueFormat.DEFAULT),
            integer("quantity"),
            string("subscription").withDescription("Id of the subscription."),
            array("tax_rates").withDescription("Tax rates, kept whole."),
            object("billing_thresholds", integer("usage_gte")).withDescription("Usage threshold for billing."));

    /** The fields of an invoice line item, an element of {@code lines.data}. */
    static final List<SchemaField> INVOICE_LINE = List.of(
            string("id").notNull().withDescription("Unique identifier, il_..."),
            string("object").notNull().withDescription("Always 'line_item'."),
            integer("amount").withDescription("Amount in the smallest currency unit."),
            StripeFields.currency(),
            string("description"),
            array("discount_amounts").withDescription("Discount amounts, kept whole."),
            bool("discountable"),
            array("discounts").withDescription("Ids of the line's discounts, kept whole."),
            string("invoice").withDescription("Id of the invoice."),
            StripeFields.livemode(),
            StripeFields.metadata(),
            object("period", StripeFields.epoch("end"), StripeFields.epoch("start"))
                    .withDescription("The period the line covers."),
            integer("quantity"),
            string("subscription").withDescription("Id of the subscription."),
            array("pretax_credit_amounts").withDescription("Pre-tax credits, kept whole."),
            array("taxes").withDescription("Taxes, kept whole."),
            json("parent").withDescription("What the line was created from, kept whole."),
            object("pricing",
                    string("type"),
                    number("unit_amount_decimal").withFormat(ValueFormat.DECIMAL_STRING))
                    .withDescription("How the line was priced."),
            integer("subtotal").withDescription("Amount before discounts and taxes, smallest currency unit."),
            number("quantity_decimal").withFormat(ValueFormat.DECIMAL_STRING));

    /** The fields of a subscription. */
    static final EntitySchema SUBSCRIPTIONS = EntitySchema.of(
            string("id").notNull().withDescription("Unique identifier, sub_..."),
            string("object").notNull().withDescription("Always 'subscription'."),
            string("application").withDescription("Id of the Connect application that created it."),
            number("application_fee_percent"),
            object("automatic_tax", bool("enabled"), json("liability"), string("disabled_reason"))
                    .withDescription("Automatic tax settings."),
            StripeFields.epoch("billing_cycle_anchor").withDescription("Reference point for billing periods."),
            object("billing_cycle_anchor_config",
                    integer("day_of_month"), integer("hour"), integer("minute"), integer("month"),
                    integer("second"))
                    .withDescription("The fixed billing anchor, when set."),
            StripeFields.epoch("cancel_at").withDescription("When the subscription will be canceled."),
            StripeFields.epoch("canceled_at").withDescription("When the subscription was canceled."),
            object("cancellation_details", string("comment"), string("feedback"), string("reason"))
                    .withDescription("Why the subscription was canceled."),
            string("collection_method").withDescription("charge_automatically or send_invoice."),
            StripeFields.created("subscription"),
            StripeFields.currency(),
            string("customer").withDescription("Id of the customer."),
            integer("days_until_due"),
            string("default_payment_method").withDescription("Id of the default payment method."),
            string("default_source").withDescription("Id of the default payment source."),
            array("default_tax_rates").withDescription("Default tax rates, kept whole."),
            string("description"),
            array("discounts").withDescription("Ids of the discounts, kept whole."),
            StripeFields.epoch("ended_at").withDescription("When the subscription ended."),
            json("invoice_settings").withDescription("Invoice settings, kept whole."),
            object("items",
                    new SchemaField("data", FieldType.ARRAY, true, "The subscription items.", SUBSCRIPTION_ITEM,
                            ValueFormat.DEFAULT),
                    bool("has_more"), string("object"), string("url"))
                    .withDescription("The subscription items (a list envelope)."),
            string("latest_invoice").withDescription("Id of the latest invoice."),
            StripeFields.livemode(),
            StripeFields.metadata(),
            StripeFields.epoch("next_pending_invoice_item_invoice"),
            string("on_behalf_of").withDescription("Id of the account the subscription is for."),
            object("pause_collection", string("behavior"), StripeFields.epoch("resumes_at"))
                    .withDescription("How payment collection is paused."),
            json("payment_settings").withDescription("Payment settings, kept whole."),
            object("pending_invoice_item_interval", string("interval"), integer("interval_count")),
            string("pending_setup_intent").withDescription("Id of the pending setup intent."),
            json("pending_update").withDescription("Changes waiting for payment, kept whole."),
            string("schedule").withDescription("Id of the subscription schedule."),
            StripeFields.epoch("start_date").withDescription("When the subscription started."),
            string("status").notNull()
                    .withDescription("incomplete, incomplete_expired, trialing, active, past_due, canceled, unpaid "
                            + "or paused."),
            string("test_clock").withDescription("Id of the attached test clock."),
            json("transfer_data").withDescription("Connect transfer details, kept whole."),
            StripeFields.epoch("trial_end"),
            json("trial_settings").withDescription("Trial settings, kept whole."),
            StripeFields.epoch("trial_start"),
            bool("cancel_at_period_end"),
            object("billing_thresholds", integer("amount_gte"), bool("reset_billing_cycle_anchor")),
            object("billing_mode", string("type"), json("flexible")).withDescription("classic or flexible."),
            string("customer_account"),
            object("managed_payments", bool("enabled")),
            array("billing_schedules").withDescription("Billing schedules, kept whole."));

    /** The fields of an invoice. */
    static final EntitySchema INVOICES = EntitySchema.of(
            string("id").notNull().withDescription("Unique identifier, in_..."),
            string("object").notNull().withDescription("Always 'invoice'."),
            string("account_country"),
            string("account_name"),
            array("account_tax_ids").withDescription("Ids of the account's tax ids, kept whole."),
            integer("amount_due").withDescription("Amount due, smallest currency unit."),
            integer("amount_paid").withDescription("Amount paid, smallest currency unit."),
            integer("amount_remaining").withDescription("Amount remaining, smallest currency unit."),
            integer("amount_shipping").withDescription("Shipping amount, smallest currency unit."),
            string("application").withDescription("Id of the Connect application that created it."),
            integer("attempt_count"),
            bool("attempted"),
            bool("auto_advance"),
            object("automatic_tax", bool("enabled"), json("liability"), string("status"),
                    string("disabled_reason"), string("provider"))
                    .withDescription("Automatic tax settings."),
            string("billing_reason"),
            string("collection_method").withDescription("charge_automatically or send_invoice."),
            StripeFields.created("invoice"),
            StripeFields.currency(),
            array("custom_fields").withDescription("Custom fields shown on the invoice, kept whole."),
            string("customer").withDescription("Id of the customer."),
            StripeFields.address("customer_address").withDescription("The customer's address when finalized."),
            string("customer_email"),
            string("customer_name"),
            string("customer_phone"),
            json("customer_shipping").withDescription("The customer's shipping details, kept whole."),
            string("customer_tax_exempt").withDescription("none, exempt or reverse."),
            array("customer_tax_ids").withDescription("The customer's tax ids, kept whole."),
            string("default_payment_method").withDescription("Id of the default payment method."),
            string("default_source").withDescription("Id of the default payment source."),
            array("default_tax_rates").withDescription("Default tax rates, kept whole."),
            string("description"),
            array("discounts").withDescription("Ids of the discounts, kept whole."),
            StripeFields.epoch("due_date"),
            StripeFields.epoch("effective_at"),
            integer("ending_balance").withDescription("Customer balance after the invoice, smallest currency unit."),
            string("footer"),
            object("from_invoice", string("action"), string("invoice"))
                    .withDescription("The invoice this one revises."),
            string("hosted_invoice_url"),
            string("invoice_pdf"),
            object("issuer", string("type")).withDescription("Who issues the invoice."),
            json("last_finalization_error").withDescription("The last finalization error, kept whole."),
            string("latest_revision").withDescription("Id of the latest revision."),
            object("lines",
                    new SchemaField("data", FieldType.ARRAY, true, "The invoice lines.", INVOICE_LINE,
                            ValueFormat.DEFAULT),
                    bool("has_more"), string("object"), string("url"))
                    .withDescription("The invoice lines (a list envelope)."),
            StripeFields.livemode(),
            StripeFields.metadata(),
            StripeFields.epoch("next_payment_attempt"),
            string("number"),
            string("on_behalf_of").withDescription("Id of the account the invoice is for."),
            json("payment_settings").withDescription("Payment settings, kept whole."),
            StripeFields.epoch("period_end"),
            StripeFields.epoch("period_start"),
            integer("post_payment_credit_notes_amount"),
            integer("pre_payment_credit_notes_amount"),
            string("receipt_number"),
            json("rendering").withDescription("PDF rendering options, kept whole."),
            object("shipping_cost", integer("amount_subtotal"), integer("amount_tax"), integer("amount_total"),
                    string("shipping_rate"))
                    .withDescription("Shipping cost, smallest currency unit."),
            json("shipping_details").withDescription("Shipping details, kept whole."),
            integer("starting_balance").withDescription("Customer balance before the invoice."),
            string("statement_descriptor"),
            string("status").withDescription("draft, open, paid, uncollectible or void."),
            object("status_transitions",
                    StripeFields.epoch("finalized_at"), StripeFields.epoch("marked_uncollectible_at"),
                    StripeFields.epoch("paid_at"), StripeFields.epoch("voided_at"))
                    .withDescription("When the invoice changed status."),
            string("subscription").withDescription("Id of the subscription."),
            integer("subtotal"),
            integer("subtotal_excluding_tax"),
            string("test_clock").withDescription("Id of the attached test clock."),
            integer("total"),
            array("total_discount_amounts").withDescription("Discount amounts, kept whole."),
            integer("total_excluding_tax"),
            StripeFields.epoch("webhooks_delivered_at"),
            StripeFields.epoch("automatically_finalizes_at"),
            array("total_pretax_credit_amounts").withDescription("Pre-tax credits, kept whole."),
            array("total_taxes").withDescription("Taxes, kept whole."),
            integer("amount_overpaid"),
            json("parent").withDescription("What the invoice was created from, kept whole."),
            string("customer_account"));

    private StripeBillingSchemas() {
    }
}
