package dev.tributary.connector.graphql;

import java.util.Map;
import java.util.Optional;

/**
 * How one query walks from page to page: which variables address a page, and where the next page starts. One
 * instance serves one fetch of one entity (cursor paging remembers the cursors it has seen); not thread-safe.
 */
interface Paging {

    /** The variables that request the page at {@code position}, next to the query's fixed variables. */
    Map<String, Object> variables(PagePosition position);

    /**
     * The position of the page after the one at {@code position}.
     *
     * @param data the response's {@code data} object for the page at {@code position}
     * @param itemCount how many list elements that page held
     * @return the next page; empty when that page was the last
     * @throws dev.tributary.spi.error.PermanentException when the response cannot tell where to go next, or would
     *     send the fetch round in circles
     */
    Optional<PagePosition> next(PagePosition position, Map<String, Object> data, int itemCount);

    /** The paging for {@code spec}; a new instance per fetch. */
    static Paging of(QuerySpec spec) {
        return switch (spec.pagination()) {
            case NONE -> new SinglePage();
            case OFFSET -> new OffsetPaging(spec);
            case CURSOR -> new CursorPaging(spec);
        };
    }
}
