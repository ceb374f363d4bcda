package dev.tributary.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stripe-customer-like records of about 1 KB of JSON, as text (for the server) and as maps (for inserts alone). */
final class SampleRecords {

    private static final String FILLER = "x".repeat(420);

    private SampleRecords() {
    }

    static void appendJson(StringBuilder out, long id) {
        out.append("{\"id\":\"cus_").append(id).append("\",\"object\":\"customer\",\"created\":")
                .append(1_600_000_000L + id).append(",\"email\":\"customer").append(id)
                .append("@example.com\",\"name\":\"Customer Number ").append(id)
                .append("\",\"currency\":\"usd\",\"balance\":").append(id % 1000)
                .append(",\"delinquent\":false,\"livemode\":false,\"description\":\"").append(FILLER)
                .append("\",\"address\":{\"line1\":\"").append(id).append(" Market Street\",\"city\":\"San Francisco\","
                        + "\"postal_code\":\"94103\",\"country\":\"US\",\"state\":\"CA\"},\"metadata\":{\"plan\":\"pro\","
                        + "\"segment\":\"smb\",\"source\":\"benchmark\"},\"invoice_prefix\":\"B").append(id)
                .append("\",\"preferred_locales\":[\"en\"],\"tax_exempt\":\"none\",\"phone\":null}");
    }

    static Map<String, Object> record(long id) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "cus_" + id);
        record.put("object", "customer");
        record.put("created", 1_600_000_000L + id);
        record.put("email", "customer" + id + "@example.com");
        record.put("name", "Customer Number " + id);
        record.put("currency", "usd");
        record.put("balance", id % 1000);
        record.put("delinquent", false);
        record.put("livemode", false);
        record.put("description", FILLER);
        record.put("address", Map.of("line1", id + " Market Street", "city", "San Francisco", "postal_code", "94103",
                "country", "US", "state", "CA"));
        record.put("metadata", Map.of("plan", "pro", "segment", "smb", "source", "benchmark"));
        record.put("invoice_prefix", "B" + id);
        record.put("preferred_locales", List.of("en"));
        record.put("tax_exempt", "none");
        record.put("phone", null);
        return record;
    }
}
