package dev.tributary.connector.stripe;

import static dev.tributary.spi.schema.SchemaField.bool;
import static dev.tributary.spi.schema.SchemaField.integer;
import static dev.tributary.spi.schema.SchemaField.json;
import static dev.tributary.spi.schema.SchemaField.object;
import static dev.tributary.spi.schema.SchemaField.string;

import dev.tributary.spi.schema.EntitySchema;

/**
 * The declared fields of a Stripe charge (fixture {@code charge.json}, stripe-java's {@code Charge}). Polymorphic
 * parts ({@code payment_method_details}, {@code source}) and nested lists ({@code refunds}) are kept whole as json.
 */
final class StripeChargeSchemas {

    /** The fields of a charge. */
    static final EntitySchema CHARGES = EntitySchema.of(
            string("id").notNull().withDescription("Unique identifier, ch_..."),
            string("object").notNull().withDescription("Always 'charge'."),
            integer("amount").withDescription("Amount in the smallest currency unit."),
            integer("amount_captured").withDescription("Amount captured, smallest currency unit."),
            integer("amount_refunded").withDescription("Amount refunded, smallest currency unit."),
            string("application").withDescription("Id of the Connect application that created it."),
            string("application_fee").withDescription("Id of the application fee."),
            integer("application_fee_amount").withDescription("Application fee, smallest currency unit."),
            string("balance_transaction").withDescription("Id of the balance transaction."),
            object("billing_details",
                    StripeFields.address("address"), string("email"), string("name"), string("phone"),
                    string("tax_id"))
                    .withDescription("Billing information of the payment method."),
            string("calculated_statement_descriptor"),
            bool("captured"),
            StripeFields.created("charge"),
            StripeFields.currency(),
            string("customer").withDescription("Id of the customer."),
            string("description"),
            bool("disputed"),
            string("failure_balance_transaction"),
            string("failure_code"),
            string("failure_message"),
            json("fraud_details").withDescription("Fraud assessments, kept whole."),
            StripeFields.livemode(),
            StripeFields.metadata(),
            string("on_behalf_of").withDescription("Id of the account the charge was made for."),
            object("outcome",
                    string("advice_code"), string("network_advice_code"), string("network_decline_code"),
                    string("network_status"), string("reason"), string("seller_message"), string("type"))
                    .withDescription("Whether and why the payment was accepted."),
            bool("paid"),
            string("payment_intent").withDescription("Id of the payment intent."),
            string("payment_method").withDescription("Id of the payment method."),
            json("payment_method_details").withDescription("Details by payment method type, kept whole."),
            string("receipt_email"),
            string("receipt_number"),
            string("receipt_url"),
            bool("refunded"),
            json("refunds").withDescription("The list of refunds, kept whole."),
            string("review").withDescription("Id of the Radar review."),
            json("shipping").withDescription("Shipping details, kept whole."),
            string("source_transfer"),
            string("statement_descriptor"),
            string("statement_descriptor_suffix"),
            string("status").withDescription("succeeded, pending or failed."),
            json("transfer_data").withDescription("Connect transfer details, kept whole."),
            string("transfer_group"),
            json("source").withDescription("The payment source, kept whole (its shape depends on its type)."));

    private StripeChargeSchemas() {
    }
}
