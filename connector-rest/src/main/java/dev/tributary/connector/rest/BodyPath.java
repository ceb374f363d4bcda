package dev.tributary.connector.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A JSONPath-like path to a value in a response body: {@code $} (the body itself), {@code data},
 * {@code $.data.items}, {@code meta.next_cursor}, {@code results[*]} (a trailing {@code [*]} only says "the array
 * here"). Field names are letters, digits, {@code _}, {@code -}, {@code @} and {@code $}; a name with other
 * characters is written in brackets, {@code $['odata.nextLink']}.
 *
 * @param segments the field names to follow; empty for the body itself
 */
record BodyPath(List<String> segments) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_@$-]+");

    BodyPath {
        segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
    }

    /** The body itself. */
    static BodyPath root() {
        return new BodyPath(List.of());
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException saying what is malformed, for the config error
     */
    static BodyPath parse(String text) {
        String rest = text.trim();
        if (rest.endsWith("[*]")) {
            rest = rest.substring(0, rest.length() - 3);
        }
        if (rest.equals("$") || rest.isEmpty()) {
            return root();
        }
        if (rest.startsWith("$.")) {
            rest = rest.substring(2);
        } else if (rest.startsWith("$[")) {
            rest = rest.substring(1);
        }
        List<String> segments = new ArrayList<>();
        int i = 0;
        while (i < rest.length()) {
            if (rest.startsWith("['", i)) {
                int end = rest.indexOf("']", i + 2);
                if (end < 0 || end == i + 2) {
                    throw malformed(text, "a bracketed name must look like ['name']");
                }
                segments.add(rest.substring(i + 2, end));
                i = end + 2;
            } else {
                int end = i;
                while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
                    end++;
                }
                String name = rest.substring(i, end);
                if (!NAME.matcher(name).matches()) {
                    throw malformed(text, name.isEmpty() ? "it has an empty segment"
                            : "segment '" + name + "' has characters that need brackets, ['" + name + "']");
                }
                segments.add(name);
                i = end;
            }
            if (i < rest.length()) {
                if (rest.charAt(i) == '.') {
                    i++;
                    if (i == rest.length()) {
                        throw malformed(text, "it ends with '.'");
                    }
                } else if (rest.charAt(i) != '[') {
                    throw malformed(text, "unexpected '" + rest.charAt(i) + "'");
                } else if (rest.startsWith("[*]", i) || !rest.startsWith("['", i)) {
                    throw malformed(text, "only a final [*] and ['name'] brackets are supported");
                }
            }
        }
        return new BodyPath(segments);
    }

    private static IllegalArgumentException malformed(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a valid path: " + why
                + "; write it like $, data, $.data.items or meta['next.cursor']");
    }

    /** The value at this path; empty when a segment is missing, crosses a non-object, or ends at JSON null. */
    Optional<Object> resolve(Object body) {
        Object current = body;
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
        if (segments.isEmpty()) {
            return "$";
        }
        StringBuilder text = new StringBuilder("$");
        for (String segment : segments) {
            text.append(NAME.matcher(segment).matches() ? "." + segment : "['" + segment + "']");
        }
        return text.toString();
    }
}
