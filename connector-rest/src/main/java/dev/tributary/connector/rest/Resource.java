package dev.tributary.connector.rest;

import dev.tributary.spi.schema.EntitySchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configured resource: an entity fetched from {@code path} page by page.
 *
 * @param name the entity name
 * @param path the path relative to {@code base_url}; {@code {field}} placeholders take the parent record's field
 * @param method {@code GET} or {@code POST} (paging parameters then go into the JSON body)
 * @param params fixed query parameters
 * @param body the fixed JSON body of a {@code POST}
 * @param records where the records are in the body
 * @param primaryKey the record fields identifying a record
 * @param schema the declared fields from the {@code schema} hints
 * @param paginator how pages follow each other
 * @param incremental the cursor field and how {@code since} is sent
 * @param parent the resource whose records fill the path's placeholders
 */
record Resource(String name, String path, String method, Map<String, String> params, Map<String, Object> body,
        BodyPath records, List<String> primaryKey, Optional<EntitySchema> schema, Paginator paginator,
        Optional<Incremental> incremental, Optional<String> parent) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    /** The parent fields the path uses, in order. */
    List<String> placeholders() {
        return placeholders(path);
    }

    static List<String> placeholders(String path) {
        Matcher matcher = PLACEHOLDER.matcher(path);
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The path with each placeholder replaced by the parent record's value, URL-encoded as one path segment. */
    String expand(Map<String, Object> parentRecord) {
        Matcher matcher = PLACEHOLDER.matcher(path);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            Object value = parentRecord.get(matcher.group(1));
            if (value == null) {
                throw new dev.tributary.spi.error.PermanentException("resource '" + name + "': a '" + parent.orElse("")
                        + "' record has no value for '" + matcher.group(1) + "' used in the path; check the path");
            }
            String segment = okhttp3.HttpUrl.parse("http://x/").newBuilder().addPathSegment(String.valueOf(value))
                    .build().encodedPath().substring(1);
            matcher.appendReplacement(result, Matcher.quoteReplacement(segment));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** The child-row field holding a parent's {@code field}: {@code <parent>_<field>}. */
    String parentField(String field) {
        return parent.orElseThrow() + "_" + field;
    }
}
