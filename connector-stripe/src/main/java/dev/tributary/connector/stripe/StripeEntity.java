package dev.tributary.connector.stripe;

import dev.tributary.spi.EntityDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Stripe resources the connector syncs: where each is listed, which extra list parameters a complete listing
 * needs, which event types report changes to it and which of those mean the object is gone.
 */
enum StripeEntity {
    CUSTOMERS("customers", "customer", Map.of(),
            List.of("customer.created", "customer.updated", "customer.deleted"),
            Set.of("customer.deleted"),
            "Customers; deleted customers are reported as deletions."),
    // customer.subscription.deleted means "canceled": the subscription still exists (status=canceled) and is
    // listed with status=all, so it is an update, not a deletion.
    SUBSCRIPTIONS("subscriptions", "subscription", Map.of("status", "all"),
            List.of("customer.subscription.created", "customer.subscription.updated",
                    "customer.subscription.deleted", "customer.subscription.paused",
                    "customer.subscription.resumed", "customer.subscription.pending_update_applied",
                    "customer.subscription.pending_update_expired", "customer.subscription.trial_will_end"),
            Set.of(),
            "Subscriptions of every status, canceled ones included (listed with status=all)."),
    CHARGES("charges", "charge", Map.of(),
            List.of("charge.captured", "charge.expired", "charge.failed", "charge.pending", "charge.refunded",
                    "charge.succeeded", "charge.updated"),
            Set.of(),
            "Charges."),
    INVOICES("invoices", "invoice", Map.of(),
            List.of("invoice.created", "invoice.deleted", "invoice.finalization_failed", "invoice.finalized",
                    "invoice.marked_uncollectible", "invoice.overdue", "invoice.paid",
                    "invoice.payment_action_required", "invoice.payment_failed", "invoice.payment_succeeded",
                    "invoice.sent", "invoice.updated", "invoice.voided", "invoice.will_be_due"),
            Set.of("invoice.deleted"),
            "Invoices of every status; deleted drafts are reported as deletions."),
    PRODUCTS("products", "product", Map.of(),
            List.of("product.created", "product.updated", "product.deleted"),
            Set.of("product.deleted"),
            "Products, active and inactive."),
    PLANS("plans", "plan", Map.of(),
            List.of("plan.created", "plan.updated", "plan.deleted"),
            Set.of("plan.deleted"),
            "Plans (the older form of recurring prices), active and inactive."),
    PRICES("prices", "price", Map.of(),
            List.of("price.created", "price.updated", "price.deleted"),
            Set.of("price.deleted"),
            "Prices, active and inactive.");

    private final String entityName;
    private final String objectType;
    private final Map<String, String> listParameters;
    private final List<String> eventTypes;
    private final Set<String> deletionEventTypes;
    private final String description;

    StripeEntity(String entityName, String objectType, Map<String, String> listParameters, List<String> eventTypes,
            Set<String> deletionEventTypes, String description) {
        this.entityName = entityName;
        this.objectType = objectType;
        this.listParameters = listParameters;
        this.eventTypes = eventTypes;
        this.deletionEventTypes = deletionEventTypes;
        this.description = description;
    }

    /** The entity name, also the path segment under {@code /v1/}. */
    String entityName() {
        return entityName;
    }

    /** The value of the {@code object} field of this resource's objects, e.g. {@code customer}. */
    String objectType() {
        return objectType;
    }

    /** The first page of the complete listing: path plus the parameters that stop Stripe hiding objects. */
    Query listQuery() {
        Query query = Query.of("/v1/" + entityName);
        for (Map.Entry<String, String> parameter : listParameters.entrySet()) {
            query = query.with(parameter.getKey(), parameter.getValue());
        }
        return query;
    }

    /** The event types (at most 20, Stripe's limit for {@code types[]}) that report a change to this resource. */
    List<String> eventTypes() {
        return eventTypes;
    }

    /** Whether an event of this type means the object no longer exists. */
    boolean isDeletion(String eventType) {
        return deletionEventTypes.contains(eventType);
    }

    /** The descriptor the runtime sees: primary key {@code id}, cursor field {@code created}, its schema. */
    EntityDescriptor descriptor() {
        return EntityDescriptor.of(entityName).withCursorField("created").withDescription(description)
                .withSchema(StripeSchemas.of(this));
    }

    /** The entity of the given name. */
    static Optional<StripeEntity> named(String name) {
        return Arrays.stream(values()).filter(entity -> entity.entityName.equals(name)).findFirst();
    }
}
