package dev.tributary.connector.close;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.schema.EntitySchema;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The entities the Close connector syncs, each with its descriptor (primary key, cursor field, declared schema from
 * {@link CloseSchemas}) and how it is read ({@link Listing}).
 */
enum CloseEntity {

    LEADS(EntityDescriptor.of("leads").withCursorField("date_updated").withDescription(
            "Leads as GET /lead/ returns them, with embedded contacts, opportunities, tasks, addresses and "
                    + "custom.cf_* values. Incremental by date_updated through the lead search, so updates are "
                    + "caught."),
            CloseSchemas.LEADS,
            Listing.of("lead/", new DateFilter.LeadSearch())),

    OPPORTUNITIES(EntityDescriptor.of("opportunities").withCursorField("date_updated").withDescription(
            "Opportunities (values in cents). Incremental with date_updated__gte, so updates are caught."),
            CloseSchemas.OPPORTUNITIES,
            Listing.of("opportunity/", new DateFilter.Parameters("date_updated", Optional.of("date_updated")))),

    ACTIVITIES(EntityDescriptor.of("activities").withCursorField("date_created").withDescription(
            "Activities of every type (Call, Email, Note, Meeting, SMS, status changes, custom...), _type kept. "
                    + "Incremental with date_created__gte: new activities are caught, later edits are not."),
            CloseSchemas.ACTIVITIES,
            Listing.of("activity/", new DateFilter.Parameters("date_created", Optional.empty()))),

    CONTACTS(EntityDescriptor.of("contacts").withDescription(
            "Contacts. GET /contact/ has no date filter, so every run reads them all."),
            CloseSchemas.CONTACTS, Listing.unfiltered("contact/")),

    USERS(EntityDescriptor.of("users").withDescription("Users of the organization; read in full every run."),
            CloseSchemas.USERS, Listing.unfiltered("user/")),

    CUSTOM_FIELDS(EntityDescriptor.of("custom_fields").withPrimaryKey("_custom_field_kind", "id").withDescription(
            "Custom field definitions of leads, contacts, opportunities, activities and shared fields, each "
                    + "tagged with _custom_field_kind; read in full every run."),
            CloseSchemas.CUSTOM_FIELDS,
            new Listing(List.of(kind("lead"), kind("contact"), kind("opportunity"), kind("activity"),
                    kind("shared")), Optional.empty()));

    private final EntityDescriptor descriptor;
    private final Listing listing;

    CloseEntity(EntityDescriptor descriptor, EntitySchema schema, Listing listing) {
        this.descriptor = descriptor.withSchema(schema);
        this.listing = listing;
    }

    private static Listing.Part kind(String kind) {
        return new Listing.Part("custom_field/" + kind + "/", Optional.of(kind));
    }

    /** The descriptor with the static schema (no custom fields). */
    EntityDescriptor descriptor() {
        return descriptor;
    }

    /**
     * The kind whose custom field definitions ({@code GET /custom_field/<kind>/}) describe this entity's
     * {@code custom.cf_...} values; absent for entities without custom field values.
     */
    Optional<String> customFieldKind() {
        return switch (this) {
            case LEADS -> Optional.of("lead");
            case OPPORTUNITIES -> Optional.of("opportunity");
            case CONTACTS -> Optional.of("contact");
            case ACTIVITIES, USERS, CUSTOM_FIELDS -> Optional.empty();
        };
    }

    /**
     * Which event-log {@code object_type}s are this entity's objects, for reading its deletions; absent for
     * entities whose deletions the event log does not report (users, custom fields: read in full every run).
     */
    Optional<Predicate<String>> deletionObjectTypes() {
        return switch (this) {
            case LEADS -> Optional.of("lead"::equals);
            case OPPORTUNITIES -> Optional.of("opportunity"::equals);
            case CONTACTS -> Optional.of("contact"::equals);
            case ACTIVITIES -> Optional.of(type -> type.startsWith("activity."));
            case USERS, CUSTOM_FIELDS -> Optional.empty();
        };
    }

    Listing listing() {
        return listing;
    }

    /** The entity with the given name. */
    static Optional<CloseEntity> named(String name) {
        return Arrays.stream(values()).filter(entity -> entity.descriptor.name().equals(name)).findFirst();
    }

    /** Every entity's descriptor, in declaration order. */
    static List<EntityDescriptor> descriptors() {
        return Arrays.stream(values()).map(CloseEntity::descriptor).toList();
    }
}
