package dev.tributary.connector.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.spi.error.PermanentException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a fetch stands in a query's results: the page to request next and how many of its items were already
 * handed over. Its JSON form is the resume state given to the runtime with every batch, e.g.
 * {@code {"pagination":"cursor","pageSize":50,"after":"YXJyYXljb25uZWN0aW9uOjQ5","skip":0}}.
 *
 * <p>Offset positions never skip: the offset itself moves past delivered items. Cursor and single-page positions
 * re-request the page and skip what was delivered, so the page size is kept in the state: a resumed run asks for
 * the same page even if the batch size changed.
 *
 * @param pagination the pagination mode the state was written for
 * @param pageSize the page size requested (ignored for {@link Pagination#NONE})
 * @param after the cursor the page starts after; absent for the first page and for other modes
 * @param offset the offset of the page (offset pagination), else 0
 * @param skip how many items at the start of the page were already handed over
 */
record PagePosition(Pagination pagination, int pageSize, Optional<String> after, long offset, int skip) {

    private static final ObjectMapper JSON = new ObjectMapper();

    PagePosition {
        Objects.requireNonNull(pagination, "pagination");
        Objects.requireNonNull(after, "after");
        if (pageSize < 1 || offset < 0 || skip < 0) {
            throw new IllegalArgumentException("page size must be positive, offset and skip not negative");
        }
    }

    /** The position of the first page. */
    static PagePosition start(Pagination pagination, int pageSize) {
        return new PagePosition(pagination, pageSize, Optional.empty(), 0, 0);
    }

    /** The position after the first {@code delivered} items of the page at this position. */
    PagePosition afterItems(int delivered) {
        if (pagination == Pagination.OFFSET) {
            return new PagePosition(pagination, pageSize, after, offset + delivered, 0);
        }
        return new PagePosition(pagination, pageSize, after, offset, delivered);
    }

    /** The first page after the cursor {@code cursor}. */
    PagePosition nextCursor(String cursor) {
        return new PagePosition(pagination, pageSize, Optional.of(cursor), 0, 0);
    }

    /** The page at {@code nextOffset}. */
    PagePosition nextOffset(long nextOffset) {
        return new PagePosition(pagination, pageSize, Optional.empty(), nextOffset, 0);
    }

    /** The resume state text. */
    String toState() {
        ObjectNode node = JSON.createObjectNode();
        node.put("pagination", pagination.configName());
        if (pagination != Pagination.NONE) {
            node.put("pageSize", pageSize);
        }
        after.ifPresent(cursor -> node.put("after", cursor));
        if (pagination == Pagination.OFFSET) {
            node.put("offset", offset);
        }
        if (pagination != Pagination.OFFSET) {
            node.put("skip", skip);
        }
        return node.toString();
    }

    /**
     * Reads a resume state written by {@link #toState()} for a query with the given pagination.
     *
     * @throws PermanentException when the state is malformed or was written for another pagination mode (the
     *     query's configuration changed); the message says to run a full refresh
     */
    static PagePosition fromState(String state, QuerySpec spec) {
        JsonNode node;
        try {
            node = JSON.readTree(state);
        } catch (JsonProcessingException e) {
            throw badState(spec, "it is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw badState(spec, "it is not a JSON object");
        }
        String mode = node.path("pagination").asText("");
        if (!mode.equals(spec.pagination().configName())) {
            throw badState(spec, "it was written for pagination '" + mode + "' but the query now uses '"
                    + spec.pagination().configName() + "'");
        }
        int pageSize = node.path("pageSize").asInt(1);
        long offset = node.path("offset").asLong(0);
        int skip = node.path("skip").asInt(0);
        JsonNode after = node.get("after");
        if (pageSize < 1 || offset < 0 || skip < 0 || (after != null && !after.isTextual())) {
            throw badState(spec, "it holds an invalid position");
        }
        return new PagePosition(spec.pagination(), pageSize,
                after == null ? Optional.empty() : Optional.of(after.asText()), offset, skip);
    }

    private static PermanentException badState(QuerySpec spec, String why) {
        return new PermanentException("cannot resume query '" + spec.name() + "' from its saved state: " + why
                + "; run a full refresh of this entity to start over");
    }
}
