package dev.tributary.connector.close;

import dev.tributary.connector.http.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Close fixtures under {@code src/test/resources/fixtures/close/} (verbatim copies of
 * {@code shared/fixtures/close/}), and larger data sets derived from them: copies of a fixture record with new
 * ids and dates, everything else unchanged.
 */
final class CloseFixtures {

    private static final JsonCodec CODEC = new JsonCodec();

    private CloseFixtures() {
    }

    /** Parses a fixture file. */
    static Object load(String name) {
        try (InputStream in = CloseFixtures.class.getResourceAsStream("/fixtures/close/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return CODEC.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture file holding a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String name) {
        return (Map<String, Object>) load(name);
    }

    /** The {@code data} records of a list-page fixture. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> data(String name) {
        return (List<Map<String, Object>>) object(name).get("data");
    }

    /** One entry of {@code errors.json}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> error(String key) {
        return (Map<String, Object>) object("errors.json").get(key);
    }

    /** Writes a value as JSON text. */
    static String json(Object value) {
        return CODEC.write(value);
    }

    /**
     * Copies of {@code template} with ids {@code <prefix>_<n>} and {@code dateField} set to the given instants, in
     * that order.
     */
    static List<Map<String, Object>> derive(Map<String, Object> template, String prefix, String dateField,
            List<Instant> dates) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            Map<String, Object> copy = new LinkedHashMap<>(template);
            copy.put("id", String.format("%s_%04d", prefix, i));
            copy.put(dateField, CloseTimestamp.format(dates.get(i)));
            records.add(copy);
        }
        return records;
    }

    /**
     * {@code count} ascending instants from {@code start}, one to three {@code step}s apart, with every fourth
     * repeating its predecessor (ties), as busy accounts have.
     */
    static List<Instant> dates(Instant start, int count, Duration step) {
        List<Instant> dates = new ArrayList<>();
        Instant at = start;
        for (int i = 0; i < count; i++) {
            if (i % 4 != 3) {
                at = at.plus(step.multipliedBy(1 + i % 3));
            }
            dates.add(at);
        }
        return dates;
    }
}
