package dev.tributary.connector.stripe;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of a Stripe list ({@code {"object":"list","data":[...],"has_more":...}}), objects newest first and
 * exactly as Stripe sent them.
 *
 * @param data the objects, as JSON maps (null values kept)
 * @param hasMore whether Stripe has more objects past this page
 */
record ListPage(List<Map<String, Object>> data, boolean hasMore) {

    ListPage {
        // Not List.copyOf on the maps: they hold JSON nulls. The list itself may be copied.
        data = List.copyOf(Objects.requireNonNull(data, "data"));
    }

    /** The id of the last (oldest) object on the page. */
    String lastId() {
        return (String) data.get(data.size() - 1).get("id");
    }
}
