package dev.tributary.connector.graphql;

import dev.tributary.spi.error.PermanentException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Paging for {@code pagination: offset}: sends the page size and the offset, and moves the offset by the number of
 * items received. The last page is recognised, in this order of preference, by {@code hasNextPagePath} being
 * false, by the offset reaching {@code totalCountPath}, or by a page shorter than the page size; an empty page
 * always ends the walk (the offset could not move). Stateless.
 */
final class OffsetPaging implements Paging {

    private final QuerySpec spec;

    OffsetPaging(QuerySpec spec) {
        this.spec = spec;
    }

    @Override
    public Map<String, Object> variables(PagePosition position) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(spec.pageSizeVariable(), position.pageSize());
        variables.put(spec.offsetVariable(), position.offset());
        return variables;
    }

    @Override
    public Optional<PagePosition> next(PagePosition position, Map<String, Object> data, int itemCount) {
        if (itemCount == 0) {
            return Optional.empty();
        }
        long nextOffset = position.offset() + itemCount;
        boolean more;
        if (spec.hasNextPagePath().isPresent()) {
            more = ResponsePaths.requireBoolean(spec, "hasNextPagePath", spec.hasNextPagePath().get(), data);
        } else if (spec.totalCountPath().isPresent()) {
            long total = ResponsePaths.requireCount(spec, spec.totalCountPath().get(), data);
            more = nextOffset < total;
        } else {
            more = itemCount >= position.pageSize();
        }
        if (more && nextOffset <= position.offset()) {
            throw new PermanentException("query '" + spec.name() + "': the offset did not advance");
        }
        return more ? Optional.of(position.nextOffset(nextOffset)) : Optional.empty();
    }
}
