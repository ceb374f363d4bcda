package dev.tributary.testkit.examples;

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
 * A fake of a small paged JSON API, for {@link dev.tributary.testkit.FakeHttpServer#dispatch(Function)}:
 * {@code GET /v1/me} and {@code GET /v1/items?limit=&starting_after=&updated_gte=} answering
 * {@code {"data": [...], "has_more": true|false}}, with bearer-token authentication.
 */
public final class ItemsApi implements Function<RecordedRequest, FakeResponse> {

    private final ObjectMapper json = new ObjectMapper();
    private final String key;
    private final List<Map<String, Object>> items = new ArrayList<>();

    /** An API holding {@code count} items, accepting {@code key}. */
    public ItemsApi(String key, int count) {
        this.key = key;
        Instant start = Instant.parse("2024-05-01T00:00:00Z");
        for (int i = 1; i <= count; i++) {
            items.add(RecordBuilder.of("id", String.format("it_%03d", i), "title", "Item " + i,
                    "price", 100L * i, "discontinued", i % 4 == 0 ? null : Boolean.FALSE,
                    "updated", start.plus(Duration.ofHours(i)).toString()));
        }
    }

    @Override
    public FakeResponse apply(RecordedRequest request) {
        if (!request.header("Authorization").equals(Optional.of("Bearer " + key))) {
            return FakeResponse.json(401, "{\"error\":{\"message\":\"Invalid API key provided\"}}");
        }
        return switch (request.path()) {
            case "/v1/me" -> FakeResponse.json("{\"account\":\"Acme Test\"}");
            case "/v1/items" -> page(request);
            default -> FakeResponse.json(404, "{\"error\":{\"message\":\"no such path\"}}");
        };
    }

    private FakeResponse page(RecordedRequest request) {
        int limit = request.queryParameter("limit").map(Integer::parseInt).orElse(10);
        String after = request.queryParameter("starting_after").orElse("");
        Instant since = request.queryParameter("updated_gte").map(Instant::parse).orElse(Instant.MIN);
        List<Map<String, Object>> matching = items.stream()
                .filter(item -> !Instant.parse((String) item.get("updated")).isBefore(since))
                .filter(item -> ((String) item.get("id")).compareTo(after) > 0)
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
