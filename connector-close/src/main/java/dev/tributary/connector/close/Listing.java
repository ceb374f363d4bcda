package dev.tributary.connector.close;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one entity is read from Close: the list endpoint(s), in order, and the date filter that narrows them, when
 * the endpoint has one.
 *
 * @param parts the endpoints; custom fields come from one per object kind
 * @param dateFilter the endpoint's date filter; absent for endpoints Close cannot filter by date
 */
record Listing(List<Part> parts, Optional<DateFilter> dateFilter) {

    Listing {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a listing needs at least one endpoint");
        }
        Objects.requireNonNull(dateFilter, "dateFilter");
    }

    /** One list endpoint. */
    record Part(String path, Optional<String> customFieldKind) {

        Part {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(customFieldKind, "customFieldKind");
        }

        /** An endpoint whose records are handed over as they are. */
        static Part of(String path) {
            return new Part(path, Optional.empty());
        }
    }

    /** A single endpoint with the given filter. */
    static Listing of(String path, DateFilter filter) {
        return new Listing(List.of(Part.of(path)), Optional.of(filter));
    }

    /** A single endpoint without date filter. */
    static Listing unfiltered(String path) {
        return new Listing(List.of(Part.of(path)), Optional.empty());
    }
}
