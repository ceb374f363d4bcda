package dev.tributary.connector.close;

import dev.tributary.spi.EntityDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The entities the Close connector syncs, each with its descriptor (primary key, cursor field) and how it is
 * read ({@link Listing}).
 */
enum CloseEntity {

    LEADS(EntityDescriptor.of("leads").withCursorField("date_updated").withDescription(
            "Leads as GET /lead/ returns them, with embedded contacts, opportunities, tasks, addresses and "
                    + "custom.cf_* values. Incremental by date_updated through the lead search, so updates are "
                    + "caught."),
            Listing.of("lead/", new DateFilter.LeadSearch())),

    OPPORTUNITIES(EntityDescriptor.of("opportunities").withCursorField("date_updated").withDescription(
            "Opportunities (values in cents). Incremental with date_updated__gte, so updates are caught."),
            Listing.of("opportunity/", new DateFilter.Parameters("date_updated", Optional.of("date_updated")))),

    ACTIVITIES(EntityDescriptor.of("activities").withCursorField("date_created").withDescription(
            "Activities of every type (Call, Email, Note, Meeting, SMS, status changes, custom...), _type kept. "
                    + "Incremental with date_created__gte: new activities are caught, later edits are not."),
            Listing.of("activity/", new DateFilter.Parameters("date_created", Optional.empty()))),

    CONTACTS(EntityDescriptor.of("contacts").withDescription(
            "Contacts. GET /contact/ has no date filter, so every run reads them all."),
            Listing.unfiltered("contact/")),

    USERS(EntityDescriptor.of("users").withDescription("Users of the organization; read in full every run."),
            Listing.unfiltered("user/")),

    CUSTOM_FIELDS(EntityDescriptor.of("custom_fields").withPrimaryKey("_custom_field_kind", "id").withDescription(
            "Custom field definitions of leads, contacts, opportunities, activities and shared fields, each "
                    + "tagged with _custom_field_kind; read in full every run."),
            new Listing(List.of(kind("lead"), kind("contact"), kind("opportunity"), kind("activity"),
                    kind("shared")), Optional.empty()));

    private final EntityDescriptor descriptor;
    private final Listing listing;

    CloseEntity(EntityDescriptor descriptor, Listing listing) {
        this.descriptor = descriptor;
        this.listing = listing;
    }

    private static Listing.Part kind(String kind) {
        return new Listing.Part("custom_field/" + kind + "/", Optional.of(kind));
    }

    EntityDescriptor descriptor() {
        return descriptor;
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
