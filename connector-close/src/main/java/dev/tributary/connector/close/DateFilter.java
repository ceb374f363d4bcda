package dev.tributary.connector.close;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a Close list endpoint filters and orders by a record date field: the request parameters that restrict a
 * listing to an inclusive date range. Incremental syncs use the lower bound; narrowing past Close's
 * {@code _skip} cap uses either bound.
 */
sealed interface DateFilter {

    /** The record field filtered on, e.g. {@code date_updated}. */
    String field();

    /** The parameters for the given bounds (and the ordering, where the endpoint takes one). */
    Map<String, String> params(Optional<Bound> lower, Optional<Bound> upper);

    /**
     * {@code <field>__gte} / {@code <field>__lte} parameters, as on {@code /opportunity/} and {@code /activity/},
     * with an optional {@code _order_by}.
     */
    record Parameters(String field, Optional<String> orderBy) implements DateFilter {

        @Override
        public Map<String, String> params(Optional<Bound> lower, Optional<Bound> upper) {
            Map<String, String> params = new LinkedHashMap<>();
            orderBy.ifPresent(order -> params.put("_order_by", order));
            lower.ifPresent(bound -> params.put(field + "__gte", bound.value()));
            upper.ifPresent(bound -> params.put(field + "__lte", bound.value()));
            return params;
        }
    }

    /**
     * The lead search in the {@code query} parameter of {@code /lead/}, the only date filter the lead list takes:
     * {@code date_updated>="2024-05-01T08:45" sort:date_updated}. It has minute precision, so bounds are widened to
     * whole minutes and the extra records are dropped by the pager.
     */
    record LeadSearch() implements DateFilter {

        @Override
        public String field() {
            return "date_updated";
        }

        @Override
        public Map<String, String> params(Optional<Bound> lower, Optional<Bound> upper) {
            StringBuilder query = new StringBuilder();
            lower.ifPresent(bound -> query.append("date_updated>=\"")
                    .append(CloseTimestamp.floorMinute(bound.at())).append("\" "));
            upper.ifPresent(bound -> query.append("date_updated<=\"")
                    .append(CloseTimestamp.ceilMinute(bound.at())).append("\" "));
            query.append("sort:date_updated");
            return Map.of("query", query.toString());
        }
    }
}
