package dev.tributary.connector.graphql;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A dot-separated path to a value inside a GraphQL response, such as {@code allPeople.pageInfo.endCursor}. Paths in
 * the configuration are relative to the response's {@code data} object; {@code nodePath} is relative to each element
 * of the list {@code dataPath} points at.
 *
 * @param segments the field names (or aliases) to follow; never empty, none blank
 */
record JsonPath(List<String> segments) {

    JsonPath {
        segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
        if (segments.isEmpty() || segments.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a path needs at least one segment and no empty segment");
        }
    }

    /**
     * Parses {@code a.b.c}.
     *
     * @throws IllegalArgumentException when the text is blank or has an empty segment ({@code a..b}, {@code .a})
     */
    static JsonPath parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("must be a dot path such as allPeople.edges, not blank");
        }
        List<String> parts = List.of(trimmed.split("\\.", -1));
        if (parts.stream().anyMatch(part -> part.isBlank() || !part.equals(part.strip()))) {
            throw new IllegalArgumentException("must be a dot path such as allPeople.edges (no empty segment or "
                    + "spaces)");
        }
        return new JsonPath(parts);
    }

    /**
     * Follows this path through nested maps.
     *
     * @return the value found; empty when a segment is missing, when a value on the way is JSON null or not an
     *     object, or when the value itself is JSON null
     */
    Optional<Object> resolve(Object root) {
        Object current = root;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(segment);
        }
        return Optional.ofNullable(current);
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
