package dev.tributary.connector.graphql;

import java.util.Map;
import java.util.Optional;

/** Paging for {@code pagination: none}: one request returns every record. Stateless. */
final class SinglePage implements Paging {

    @Override
    public Map<String, Object> variables(PagePosition position) {
        return Map.of();
    }

    @Override
    public Optional<PagePosition> next(PagePosition position, Map<String, Object> data, int itemCount) {
        return Optional.empty();
    }
}
