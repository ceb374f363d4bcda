package dev.tributary.connector.close;

import static dev.tributary.spi.schema.SchemaField.array;
import static dev.tributary.spi.schema.SchemaField.bool;
import static dev.tributary.spi.schema.SchemaField.integer;
import static dev.tributary.spi.schema.SchemaField.object;
import static dev.tributary.spi.schema.SchemaField.string;

import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The declared fields of the Close entities, taken from the API fixtures ({@code fixtures/close/*.json}): every
 * top-level field the fixtures show with a non-null value, in their order. Timestamps are ISO-8601 text
 * ({@link ValueFormat#ISO_8601}), ids text, money integer cents, arrays of objects with their element fields,
 * arrays whose elements the fixtures do not show kept whole. Fields the fixtures only show as {@code null} are not
 * declared, so the runtime infers their type from the first real value instead of a guess here. The organization's
 * custom fields ({@code custom.cf_...}) are added after initialisation by {@link CustomFieldSchemas}.
 */
final class CloseSchemas {

    /** The fields of a contact ({@code contact_list_page.json}), also the elements of a lead's {@code contacts}. */
    static final List<SchemaField> CONTACT_FIELDS = List.of(
            id("contact", "cont_"),
            organizationId(),
            string("lead_id").withDescription("The contact's lead."),
            string("name"),
            string("display_name"),
            string("title").withDescription("Job title."),
            array("emails", string("email"), string("type"), bool("is_unsubscribed"))
                    .withDescription("E-mail addresses with their type (office, home, ...)."),
            array("phones", string("phone"), string("phone_formatted"), string("type"), string("country"))
                    .withDescription("Phone numbers in E.164 and formatted, with their type."),
            array("urls", string("url"), string("type")).withDescription("Web addresses."),
            string("timezone").withDescription("IANA time zone, e.g. America/New_York."),
            string("timezone_source").withDescription("Where the time zone came from, e.g. phone."),
            wholeArray("integration_links", "Links to the record in other systems, kept whole (empty in "
                    + "the fixtures)."),
            createdBy(),
            updatedBy(),
            dateCreated("contact"),
            dateUpdated("contact"));

    /**
     * The fields of an opportunity ({@code opportunity_list_page.json}), also the elements of a lead's
     * {@code opportunities}. {@code date_won}, {@code date_lost} and {@code stall_status} are null in every fixture
     * and left to inference.
     */
    static final List<SchemaField> OPPORTUNITY_FIELDS = List.of(
            id("opportunity", "oppo_"),
            organizationId(),
            string("lead_id").withDescription("The opportunity's lead."),
            string("lead_name"),
            string("contact_id").withDescription("The contact it is with."),
            string("contact_name"),
            string("user_id").withDescription("The user it is assigned to."),
            string("user_name"),
            string("status_id"),
            string("status_label"),
            string("status_type").withDescription("active, won or lost."),
            string("status_display_name"),
            string("pipeline_id"),
            string("pipeline_name"),
            integer("value").withDescription("Value in cents of value_currency."),
            string("value_period").withDescription("one_time, monthly or annual."),
            string("value_currency").withDescription("Three-letter ISO currency code."),
            string("value_formatted").withDescription("Value as Close displays it, e.g. $5,000 monthly."),
            integer("confidence").withDescription("Win probability in percent."),
            integer("expected_value").withDescription("value times confidence, in cents."),
            integer("annualized_value").withDescription("Value over a year, in cents."),
            integer("annualized_expected_value").withDescription("Expected value over a year, in cents."),
            string("note"),
            bool("is_stalled"),
            wholeArray("attachments", "Attached files, kept whole."),
            wholeArray("integration_links", "Links to the record in other systems, kept whole (empty in "
                    + "the fixtures)."),
            createdBy(),
            string("created_by_name"),
            updatedBy(),
            string("updated_by_name"),
            dateCreated("opportunity"),
            dateUpdated("opportunity"));

    /** The fields of a lead ({@code lead_list_page.json}); {@code source} is null there and left to inference. */
    static final EntitySchema LEADS = EntitySchema.of(
            id("lead", "lead_"),
            organizationId(),
            string("name"),
            string("display_name"),
            string("description"),
            string("url").withDescription("The lead's website."),
            string("html_url").withDescription("The lead's page in the Close app."),
            string("status_id"),
            string("status_label"),
            // address_2 is null in every fixture address, so it is left to inference too.
            array("addresses", string("label"), string("address_1"), string("city"), string("state"),
                    string("zipcode"), string("country"))
                    .withDescription("Postal addresses with their label (business, mailing, ...)."),
            string("primary_address_summary"),
            object("primary_email", string("email"), string("type"), bool("is_unsubscribed"))
                    .withDescription("The first e-mail address of the first contact."),
            object("primary_phone", string("phone"), string("phone_formatted"), string("type"), string("country"))
                    .withDescription("The first phone number of the first contact."),
            wholeArray("contact_ids", "Ids of the lead's contacts, kept whole."),
            arrayOf("contacts", CONTACT_FIELDS).withDescription("The lead's contacts, as /contact/ returns them."),
            arrayOf("opportunities", OPPORTUNITY_FIELDS)
                    .withDescription("The lead's opportunities, as /opportunity/ returns them."),
            wholeArray("tasks", "The lead's tasks, kept whole."),
            array("integration_links", string("name"), string("url"))
                    .withDescription("Links to the lead in other systems, e.g. its Stripe customer."),
            createdBy(),
            string("created_by_name"),
            updatedBy(),
            string("updated_by_name"),
            dateCreated("lead"),
            dateUpdated("lead"));

    /** The fields of a contact. */
    static final EntitySchema CONTACTS = new EntitySchema(CONTACT_FIELDS);

    /** The fields of an opportunity. */
    static final EntitySchema OPPORTUNITIES = new EntitySchema(OPPORTUNITY_FIELDS);

    /**
     * The fields of an activity ({@code activity_list_page.json}: a Note and a Call). Fields of one activity type
     * only (a Note's {@code title}, a Call's {@code duration}) are absent from the others, so they are nullable;
     * the Call fields that are null in the fixture ({@code local_phone}, {@code voicemail_url}, {@code outcome_id},
     * {@code dialer_id}, {@code sequence_*}, {@code transferred_*}, ...) are left to inference.
     */
    static final EntitySchema ACTIVITIES = EntitySchema.of(
            string("_type").notNull().withDescription("The activity type: Note, Call, Email, ... or a custom "
                    + "activity type id."),
            id("activity", "acti_"),
            organizationId(),
            string("lead_id").withDescription("The lead it belongs to."),
            string("contact_id").withDescription("The contact it involves."),
            string("user_id").withDescription("The user who did it."),
            string("user_name"),
            wholeArray("users", "Other users involved, kept whole."),
            string("title").withDescription("Note title (Note)."),
            string("direction").withDescription("inbound or outbound (Call)."),
            string("status").withDescription("Call status, e.g. completed (Call)."),
            string("disposition").withDescription("Call outcome, e.g. answered (Call)."),
            string("source").withDescription("Where the call came from, e.g. External (Call)."),
            string("call_method").withDescription("How the call was made (Call)."),
            integer("duration").withDescription("Call length in seconds (Call)."),
            string("phone").withDescription("The number called (Call)."),
            string("remote_phone").withDescription("The other party's number (Call)."),
            string("remote_phone_formatted"),
            string("note").withDescription("Plain-text note."),
            string("note_html").withDescription("The note as HTML."),
            bool("pinned").withDescription("Whether the note is pinned (Note)."),
            wholeArray("attachments", "Attached files, kept whole (Note)."),
            bool("has_recording").withDescription("Whether a recording exists (Call)."),
            string("recording_url").withDescription("The call recording (Call)."),
            integer("voicemail_duration").withDescription("Voicemail length in seconds (Call)."),
            string("quality_info").withDescription("Call quality notes (Call)."),
            SchemaField.timestamp("activity_at", ValueFormat.ISO_8601).withDescription("When it happened."),
            createdBy(),
            string("created_by_name"),
            updatedBy(),
            string("updated_by_name"),
            dateCreated("activity"),
            dateUpdated("activity"));

    /** The fields of a user ({@code user_list_page.json}). */
    static final EntitySchema USERS = EntitySchema.of(
            id("user", "user_"),
            string("email"),
            string("first_name"),
            string("last_name"),
            string("image").withDescription("Avatar URL."),
            wholeArray("organizations", "Ids of the user's organizations, kept whole."),
            string("last_used_timezone").withDescription("IANA time zone."),
            dateCreated("user"),
            dateUpdated("user"));

    /**
     * The fields of a custom field definition ({@code custom_field_*_list.json}) and the {@code _custom_field_kind}
     * the connector adds; {@code choices} only comes with fields of type {@code choices}.
     */
    static final EntitySchema CUSTOM_FIELDS = EntitySchema.of(
            id("custom field", "cf_"),
            organizationId(),
            string("name").withDescription("The field's name as people see it."),
            string("description"),
            string("type").withDescription("text, number, date, datetime, choices, user, contact, ..."),
            bool("accepts_multiple_values").withDescription("Whether values are lists."),
            wholeArray("editable_with_roles", "Role ids allowed to edit it (empty: everyone), kept whole."),
            createdBy(),
            updatedBy(),
            dateCreated("custom field"),
            dateUpdated("custom field"),
            wholeArray("choices", "The allowed values of a choices field, kept whole."),
            string("_custom_field_kind").notNull().withDescription("Added by the connector: the object kind "
                    + "listing it (lead, contact, opportunity, activity or shared)."));

    private CloseSchemas() {
    }

    /** The schema with {@code extra} fields appended. */
    static EntitySchema withFields(EntitySchema schema, List<SchemaField> extra) {
        List<SchemaField> fields = new ArrayList<>(schema.fields());
        fields.addAll(extra);
        return new EntitySchema(fields);
    }

    private static SchemaField id(String kind, String prefix) {
        return string("id").notNull().withDescription("The " + kind + "'s id, " + prefix + "...");
    }

    private static SchemaField organizationId() {
        return string("organization_id").notNull().withDescription("The Close organization, orga_...");
    }

    private static SchemaField createdBy() {
        return string("created_by").withDescription("Id of the user who created it.");
    }

    private static SchemaField updatedBy() {
        return string("updated_by").withDescription("Id of the user who last changed it.");
    }

    private static SchemaField dateCreated(String kind) {
        return SchemaField.timestamp("date_created", ValueFormat.ISO_8601).notNull()
                .withDescription("When the " + kind + " was created.");
    }

    private static SchemaField dateUpdated(String kind) {
        return SchemaField.timestamp("date_updated", ValueFormat.ISO_8601).notNull()
                .withDescription("When the " + kind + " last changed.");
    }

    /** An array whose elements the fixtures do not show: kept whole, never a child table. */
    private static SchemaField wholeArray(String name, String description) {
        return array(name).withDescription(description);
    }

    private static SchemaField arrayOf(String name, List<SchemaField> elementFields) {
        return new SchemaField(name, FieldType.ARRAY, true, "", elementFields, ValueFormat.DEFAULT);
    }
}
