package dev.tributary.connector.sample;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The entities of the sample source and how their records are made up.
 *
 * <p>Record {@code i} of an entity depends only on {@code i}, the seed and the record count, never on page
 * boundaries, so every run, resumed or not, sees the same data. Record {@code i} was "created" at
 * {@link #EPOCH} plus {@code i} times the entity's interval: the cursor field grows with the position, which lets
 * {@link #firstIndexAtOrAfter(Instant)} answer an incremental query the way a real API's filter would.
 *
 * <p>Immutable and thread-safe.
 */
enum SampleEntity {

    /** People who buy things: a name, an e-mail address and a country. */
    CUSTOMERS("customers", Duration.ofHours(1), "Fake customers: name, email, country, created.",
            EntitySchema.of(
                    SchemaField.string("id").notNull().withDescription("Customer id, cus_ and six digits."),
                    SchemaField.string("name").notNull().withDescription("First and last name."),
                    SchemaField.string("email").notNull().withDescription("Unique e-mail address."),
                    SchemaField.string("country").notNull().withDescription("ISO 3166 two-letter country code."),
                    SchemaField.timestamp("created", ValueFormat.ISO_8601).notNull()
                            .withDescription("When the customer was created."))) {
        @Override
        Map<String, Object> record(long index, SplittableRandom random, long records) {
            String first = pick(random, FIRST_NAMES);
            String last = pick(random, LAST_NAMES);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", customerId(index));
            record.put("name", first + " " + last);
            record.put("email", (first + "." + last + "." + (index + 1)).toLowerCase(Locale.ROOT)
                    + "@example.com");
            record.put("country", pick(random, COUNTRIES));
            record.put("created", created(index).toString());
            return record;
        }
    },

    /** What customers bought: an amount in cents, a currency, a status and, rarely, a coupon. */
    ORDERS("orders", Duration.ofMinutes(20), "Fake orders of those customers: amount, currency, status, created.",
            EntitySchema.of(
                    SchemaField.string("id").notNull().withDescription("Order id, ord_ and six digits."),
                    SchemaField.string("customer_id").notNull().withDescription("The customer who ordered."),
                    SchemaField.integer("amount").notNull().withDescription("Amount in the currency's cents."),
                    SchemaField.string("currency").notNull().withDescription("Lowercase ISO 4217 code."),
                    SchemaField.string("status").notNull().withDescription("paid, pending or refunded."),
                    SchemaField.string("coupon").withDescription("Coupon code; null for most orders."),
                    SchemaField.timestamp("created", ValueFormat.ISO_8601).notNull()
                            .withDescription("When the order was placed."))) {
        @Override
        Map<String, Object> record(long index, SplittableRandom random, long records) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", numbered("ord_", index + 1));
            record.put("customer_id", customerId(random.nextLong(Math.max(records, 1))));
            record.put("amount", 100L * (1 + random.nextInt(500)));
            record.put("currency", pick(random, CURRENCIES));
            record.put("status", pick(random, STATUSES));
            // Most orders have no coupon: a JSON null, which is data and must survive the sync.
            record.put("coupon", random.nextInt(10) == 0 ? "WELCOME10" : null);
            record.put("created", created(index).toString());
            return record;
        }
    };

    /** When record 0 of every entity was created. */
    static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private static final List<String> FIRST_NAMES =
            List.of("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Radia", "Ken");
    private static final List<String> LAST_NAMES =
            List.of("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Perlman");
    private static final List<String> COUNTRIES = List.of("DE", "FR", "GB", "NL", "US", "CA", "JP", "BR");
    private static final List<String> CURRENCIES = List.of("usd", "eur", "gbp");
    private static final List<String> STATUSES = List.of("paid", "paid", "paid", "pending", "refunded");

    private final String entityName;
    private final Duration interval;
    private final String description;
    private final EntitySchema schema;

    SampleEntity(String entityName, Duration interval, String description, EntitySchema schema) {
        this.entityName = entityName;
        this.interval = interval;
        this.description = description;
        this.schema = schema;
    }

    /** Makes record {@code index} from its own random stream; {@code records} is the entity's record count. */
    abstract Map<String, Object> record(long index, SplittableRandom random, long records);

    /** Record {@code index} for the given seed: the same arguments always give an equal record. */
    final Map<String, Object> record(long index, long seed, long records) {
        long mixed = seed * 0x9E3779B97F4A7C15L + ordinal() * 0xBF58476D1CE4E5B9L + index;
        return record(index, new SplittableRandom(mixed), records);
    }

    /** The entity's name, as declared in the metadata and used in table names. */
    String entityName() {
        return entityName;
    }

    /** Declares the entity: primary key {@code id}, cursor field {@code created}, its typed fields. */
    EntityDescriptor descriptor() {
        return EntityDescriptor.of(entityName).withCursorField("created").withDescription(description)
                .withSchema(schema);
    }

    /** When record {@code index} was created. */
    final Instant created(long index) {
        return EPOCH.plus(interval.multipliedBy(index));
    }

    /**
     * The position of the first record created at or after {@code since}, the way a source answers
     * {@code created >= since}; may exceed the record count, meaning there is none.
     */
    long firstIndexAtOrAfter(Instant since) {
        if (!since.isAfter(EPOCH)) {
            return 0;
        }
        Duration elapsed = Duration.between(EPOCH, since);
        long step = interval.getSeconds();
        long index = elapsed.getSeconds() / step;
        boolean exact = elapsed.getSeconds() % step == 0 && elapsed.getNano() == 0;
        return exact ? index : index + 1;
    }

    /** The entity with the given name, if the sample source has one. */
    static Optional<SampleEntity> named(String name) {
        for (SampleEntity entity : values()) {
            if (entity.entityName.equals(name)) {
                return Optional.of(entity);
            }
        }
        return Optional.empty();
    }

    private static String customerId(long index) {
        return numbered("cus_", index + 1);
    }

    /** {@code prefix} and {@code number} with at least six digits; cheaper than {@code String.format}. */
    private static String numbered(String prefix, long number) {
        String digits = Long.toString(number);
        return digits.length() >= 6 ? prefix + digits : prefix + "000000".substring(digits.length()) + digits;
    }

    private static String pick(SplittableRandom random, List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
