package ${package};

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.FakeResponse;
import dev.tributary.testkit.RecordBuilder;
import dev.tributary.testkit.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fake of the API {@link MyConnector} talks to, for {@link dev.tributary.testkit.FakeHttpServer}: it pages,
 * filters on {@code updated_gte} and checks the bearer token the way the real API does, so the connector's paging
 * and incremental logic run for real. Replace the made-up records with verbatim API responses when you have them.
 */
final class FakeApi implements Function<RecordedRequest, FakeResponse> {

    static final String KEY = "test-key-1234";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, List<Map<String, Object>>> entities;

    FakeApi(int records) {
        entities = Map.of("entity1", records("e1", records), "entity2", records("e2", records));
    }

    private static List<Map<String, Object>> records(String prefix, int count) {
        List<Map<String, Object>> records = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 1; i <= count; i++) {
            records.add(RecordBuilder.of(
                    "id", String.format("%s_%04d", prefix, i),
                    "name", "Record " + i,
                    "note", i % 3 == 0 ? null : "note " + i,
                    "updated_at", start.plus(Duration.ofHours(i)).toString()));
        }
        return records;
    }

    @Override
    public FakeResponse apply(RecordedRequest request) {
        if (!request.header("Authorization").equals(Optional.of("Bearer " + KEY))) {
            return FakeResponse.json(401, "{\"error\":\"invalid api key\"}");
        }
        String entity = request.path().replaceFirst("^/v1/", "");
        List<Map<String, Object>> all = entities.get(entity);
        if (all == null) {
            return FakeResponse.json(404, "{\"error\":\"no such entity\"}");
        }
        int limit = request.queryParameter("limit").map(Integer::parseInt).orElse(10);
        String after = request.queryParameter("starting_after").orElse("");
        Instant since = request.queryParameter("updated_gte").map(Instant::parse).orElse(Instant.MIN);
        List<Map<String, Object>> matching = all.stream()
                .filter(r -> ((String) r.get("id")).compareTo(after) > 0)
                .filter(r -> !Instant.parse((String) r.get("updated_at")).isBefore(since))
                .toList();
        List<Map<String, Object>> page = matching.subList(0, Math.min(limit, matching.size()));
        try {
            return FakeResponse.json(json.writeValueAsString(
                    Map.of("data", page, "has_more", matching.size() > page.size())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
