package dev.tributary.connector.graphql;

import dev.tributary.spi.error.PermanentException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Paging for {@code pagination: cursor} (Relay connections): sends the page size and, after the first page, the
 * cursor; continues while {@code hasNextPagePath} is true, from the cursor at {@code cursorPath}. A null cursor
 * alone does not end the walk (servers return one for an empty last page); {@code hasNextPage: false} does.
 *
 * <p>Remembers every cursor of this fetch: a server that hands out a cursor again would loop for ever, so that
 * fails the entity with a {@link PermanentException} instead. Not thread-safe; one instance per fetch.
 */
final class CursorPaging implements Paging {

    private final QuerySpec spec;
    private final Set<String> seen = new HashSet<>();

    CursorPaging(QuerySpec spec) {
        this.spec = spec;
    }

    @Override
    public Map<String, Object> variables(PagePosition position) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(spec.pageSizeVariable(), position.pageSize());
        position.after().ifPresent(cursor -> variables.put(spec.cursorVariable(), cursor));
        return variables;
    }

    @Override
    public Optional<PagePosition> next(PagePosition position, Map<String, Object> data, int itemCount) {
        position.after().ifPresent(seen::add);
        boolean hasNextPage = ResponsePaths.requireBoolean(spec, "hasNextPagePath", spec.hasNextPagePath().get(),
                data);
        if (!hasNextPage) {
            return Optional.empty();
        }
        Object cursor = spec.cursorPath().get().resolve(data).orElse(null);
        if (cursor == null || cursor instanceof Map || cursor instanceof List) {
            throw new PermanentException("query '" + spec.name() + "': the server says hasNextPage is true but "
                    + "cursorPath '" + spec.cursorPath().get() + "' holds " + (cursor == null ? "no cursor"
                    : "no text") + "; check cursorPath");
        }
        String text = cursor.toString();
        if (!seen.add(text)) {
            throw new PermanentException("query '" + spec.name() + "': the server returned cursor '" + text
                    + "' again after " + seen.size() + " distinct page" + (seen.size() == 1 ? "" : "s")
                    + " although hasNextPage is true; stopping instead of fetching the same page in a loop. "
                    + "Check cursorPath (it must point at the page's end cursor, e.g. allPeople.pageInfo.endCursor)"
                    + " and cursorVariable");
        }
        return Optional.of(position.nextCursor(text));
    }
}
