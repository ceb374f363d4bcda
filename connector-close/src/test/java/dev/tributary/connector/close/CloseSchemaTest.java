package dev.tributary.connector.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import dev.tributary.testkit.SchemaConformance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The declared schemas against what the connector emits from the fake Close server (fixture records and copies).
 * Policy, as the schemas' Javadoc states it: every top-level field the fixtures show with a value is declared,
 * fields they only show as null are left to inference (listed here, so a change shows), fields of one activity
 * type or one custom field type may be absent from other records, and the organization's {@code custom.cf_...}
 * fields are declared from its custom field definitions once the connector is initialised.
 */
class CloseSchemaTest {

    /** The fields every fixture record of the entity has as null: left to inference, not declared. */
    private static final Map<CloseEntity, Set<String>> NULL_ONLY = Map.of(
            CloseEntity.LEADS, Set.of("source"),
            CloseEntity.OPPORTUNITIES, Set.of("date_won", "date_lost", "stall_status"),
            CloseEntity.ACTIVITIES, Set.of("local_phone", "local_phone_formatted", "voicemail_url", "outcome_id",
                    "dialer_id", "dialer_saved_search_id", "sequence_id", "sequence_name",
                    "sequence_subscription_id", "transferred_from", "transferred_to"),
            CloseEntity.CONTACTS, Set.of(),
            CloseEntity.USERS, Set.of(),
            CloseEntity.CUSTOM_FIELDS, Set.of());

    private static final String PLAN_TIER = "custom.cf_v6S011I6MqcbVvB2FA5Nk8dr5MkL8sWuCiG8cUleO9c";
    private static final String SEATS = "custom.cf_8wtBWsdRU2Fur7GDnEeXQ7ra2Vu7R4hG1SNYdiEhh0F";
    private static final String RENEWAL_DATE = "custom.cf_2kQm0T7x9zVbN4cLpR8sW1yH6dJ3fA5eG0uK2iO7tMn";
    private static final String BUYING_ROLE = "custom.cf_cSh3fWT3rEJ1BFSezme2YAG6bPrZV5wUWKKrW4iN19g";
    private static final String DEAL_SOURCE = "custom.cf_Xy4Tq9Lw2Rb7Vn1Kc8Pm5Zd3Hs6Gf0Ja2Ue9Ni4Ob7Q";

    private FakeCloseServer server;
    private CloseSession session;

    @BeforeEach
    void start() throws IOException {
        server = CloseData.install(new FakeCloseServer());
        session = new CloseSession(server);
    }

    @AfterEach
    void stop() {
        session.close();
        server.close();
    }

    private EntitySchema discovered(CloseEntity entity) {
        return session.connector.getAvailableEntities().stream()
                .filter(d -> d.name().equals(entity.descriptor().name())).findFirst()
                .flatMap(EntityDescriptor::schema).orElseThrow();
    }

    private List<Map<String, Object>> emitted(CloseEntity entity) {
        List<Map<String, Object>> records = session.fetch(entity.descriptor().name(), 5).records();
        assertThat(records).hasSizeGreaterThan(2);
        return records;
    }

    @ParameterizedTest
    @EnumSource(CloseEntity.class)
    void everyEmittedRecordHoldsValuesOfTheDeclaredTypes(CloseEntity entity) {
        EntitySchema schema = discovered(entity);
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> record : emitted(entity)) {
            // Only the fields a record has: one activity type's fields are absent from the others.
            EntitySchema present = new EntitySchema(
                    schema.fields().stream().filter(f -> record.containsKey(f.name())).toList());
            violations.addAll(SchemaConformance.violations(present, List.of(record)).stream()
                    .map(v -> record.get("id") + " " + v).toList());
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CloseEntity.class)
    void everyNotNullFieldIsInEveryEmittedRecord(CloseEntity entity) {
        EntitySchema notNull = new EntitySchema(
                discovered(entity).fields().stream().filter(f -> !f.nullable()).toList());

        assertThat(notNull.fields()).extracting(SchemaField::name).contains("id");
        assertThat(SchemaConformance.violations(notNull, emitted(entity))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CloseEntity.class)
    void everyDeclaredFieldHasAValueInSomeEmittedRecord(CloseEntity entity) {
        List<Map<String, Object>> records = emitted(entity);
        List<String> neverSeen = discovered(entity).fields().stream().map(SchemaField::name)
                .filter(name -> records.stream().allMatch(r -> r.get(name) == null)).toList();

        assertThat(neverSeen).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CloseEntity.class)
    void declaresEveryTopLevelFieldTheRecordsHoldButTheNullOnlyOnes(CloseEntity entity) {
        Set<String> keys = new TreeSet<>();
        emitted(entity).forEach(record -> keys.addAll(record.keySet()));
        Set<String> declared = new TreeSet<>();
        discovered(entity).fields().forEach(f -> declared.add(f.name()));

        assertThat(declared).isSubsetOf(keys);
        Set<String> undeclared = new TreeSet<>(keys);
        undeclared.removeAll(declared);
        assertThat(undeclared).isEqualTo(new TreeSet<>(NULL_ONLY.get(entity)));
    }

    @ParameterizedTest
    @EnumSource(CloseEntity.class)
    void everyDeclaredNestedFieldHasAValueInTheFixtures(CloseEntity entity) {
        Set<String> fixturePaths = new LinkedHashSet<>();
        for (String name : List.of("lead_list_page.json", "opportunity_list_page.json", "activity_list_page.json",
                "contact_list_page.json", "user_list_page.json", "custom_field_lead_list.json",
                "custom_field_contact_list.json", "custom_field_opportunity_list.json")) {
            CloseFixtures.data(name).forEach(record -> collectPaths(record, "", fixturePaths));
        }
        Set<String> declaredPaths = new LinkedHashSet<>();
        declaredPaths(entity.descriptor().schema().orElseThrow().fields(), "", declaredPaths);

        assertThat(declaredPaths).isNotEmpty();
        assertThat(fixturePaths).containsAll(declaredPaths);
    }

    @Test
    void customFieldsOfLeadsContactsAndOpportunitiesAreTypedFromTheirDefinitions() {
        EntitySchema leads = discovered(CloseEntity.LEADS);

        assertThat(leads.field(PLAN_TIER).orElseThrow()).isEqualTo(SchemaField.string(PLAN_TIER)
                .withDescription("Custom field 'Plan Tier' (choices): Commercial tier quoted to the lead."));
        assertThat(leads.field(SEATS).orElseThrow().type()).isEqualTo(FieldType.NUMBER);
        assertThat(leads.field(RENEWAL_DATE).orElseThrow().type()).isEqualTo(FieldType.DATE);
        SchemaField buyingRole = discovered(CloseEntity.CONTACTS).field(BUYING_ROLE).orElseThrow();
        assertThat(buyingRole.type()).isEqualTo(FieldType.ARRAY);
        assertThat(buyingRole.fields()).isEmpty();
        assertThat(buyingRole.description()).contains("'Buying Role'", "several values");
        assertThat(discovered(CloseEntity.OPPORTUNITIES).field(DEAL_SOURCE).orElseThrow().type())
                .isEqualTo(FieldType.STRING);
        assertThat(discovered(CloseEntity.ACTIVITIES).fields()).noneMatch(f -> f.name().startsWith("custom."));
    }

    @Test
    void readsTheDefinitionsOnceThroughTheRateLimiter() {
        int before = session.limiter.acquired();
        session.connector.getAvailableEntities();
        session.connector.getAvailableEntities();

        assertThat(server.requestsTo("custom_field/lead/")).hasSize(1);
        assertThat(server.requestsTo("custom_field/contact/")).hasSize(1);
        assertThat(server.requestsTo("custom_field/opportunity/")).hasSize(1);
        assertThat(server.requestsTo("custom_field/activity/")).isEmpty();
        assertThat(session.limiter.acquired() - before).isEqualTo(3);
    }

    @Test
    void withoutCustomFieldDefinitionsTheStaticSchemasAreDeclaredAndTheNextCallRetries() throws IOException {
        try (FakeCloseServer bare = new FakeCloseServer().list("lead/", CloseData.leads());
                CloseSession unreadable = new CloseSession(bare)) {
            List<EntityDescriptor> entities = unreadable.connector.getAvailableEntities();

            assertThat(entities).isEqualTo(CloseEntity.descriptors());
            assertThat(bare.requestsTo("custom_field/lead/")).hasSize(1);
            bare.list("custom_field/lead/", CloseFixtures.data("custom_field_lead_list.json"))
                    .list("custom_field/contact/", List.of()).list("custom_field/opportunity/", List.of());
            assertThat(unreadable.connector.getAvailableEntities().get(0).schema().orElseThrow().field(SEATS))
                    .isPresent();
        }
    }

    @Test
    void theMetadataDeclaresTheStaticSchemasWithIsoTimestamps() {
        for (EntityDescriptor descriptor : new CloseConnector().getMetadata().supportedEntities()) {
            EntitySchema schema = descriptor.schema().orElseThrow();
            assertThat(schema.field("date_updated").orElseThrow().format()).isEqualTo(ValueFormat.ISO_8601);
            assertThat(schema.fields()).noneMatch(f -> f.name().startsWith("custom."));
            descriptor.cursorField().ifPresent(cursor -> assertThat(schema.field(cursor).orElseThrow().type())
                    .isEqualTo(FieldType.TIMESTAMP));
        }
    }

    @Test
    void leadsEmbedContactsAndOpportunitiesWithTheirOwnFieldsAndMoneyIsIntegerCents() {
        EntitySchema leads = CloseSchemas.LEADS;

        assertThat(leads.field("contacts").orElseThrow().fields()).isEqualTo(CloseSchemas.CONTACT_FIELDS);
        assertThat(leads.field("opportunities").orElseThrow().fields()).isEqualTo(CloseSchemas.OPPORTUNITY_FIELDS);
        assertThat(leads.field("primary_email").orElseThrow().type()).isEqualTo(FieldType.OBJECT);
        assertThat(leads.field("addresses").orElseThrow().field("zipcode")).isPresent();
        assertThat(CloseSchemas.OPPORTUNITIES.field("value").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
        assertThat(CloseSchemas.OPPORTUNITIES.field("annualized_expected_value").orElseThrow().type())
                .isEqualTo(FieldType.INTEGER);
        assertThat(CloseSchemas.ACTIVITIES.field("duration").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
        assertThat(CloseSchemas.ACTIVITIES.field("has_recording").orElseThrow().type())
                .isEqualTo(FieldType.BOOLEAN);
    }

    /** Every path with a non-null value: {@code a}, {@code a.b} for objects, {@code a[].b} for arrays of objects. */
    @SuppressWarnings("unchecked")
    private static void collectPaths(Map<String, Object> object, String prefix, Set<String> paths) {
        object.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            String path = prefix + key;
            paths.add(path);
            if (value instanceof Map<?, ?> nested) {
                collectPaths((Map<String, Object>) nested, path + ".", paths);
            } else if (value instanceof List<?> list) {
                list.stream().filter(Map.class::isInstance)
                        .forEach(element -> collectPaths((Map<String, Object>) element, path + "[].", paths));
            }
        });
    }

    private static void declaredPaths(List<SchemaField> fields, String prefix, Set<String> paths) {
        for (SchemaField field : fields) {
            String path = prefix + field.name();
            if (!field.name().equals("_custom_field_kind")) {
                paths.add(path);
            }
            if (field.type() == FieldType.OBJECT) {
                declaredPaths(field.fields(), path + ".", paths);
            } else if (field.type() == FieldType.ARRAY) {
                declaredPaths(field.fields(), path + "[].", paths);
            }
        }
    }
}
