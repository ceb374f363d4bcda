package dev.tributary.connector.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a resource's pages follow each other: the parameters the page at a {@link Position} is requested with, and the
 * position of the next page read from the response (absent after the last page). An empty page always ends a
 * resource. Implementations are immutable.
 */
sealed interface Paginator {

    /** The type names accepted in {@code paginator.type}. */
    List<String> TYPES = List.of("none", "offset", "page_number", "cursor", "next_url", "link_header");

    /** The type name, as written in the configuration. */
    String type();

    /** The position of the first page. */
    default Position start() {
        return new Position(type(), 0, Optional.empty(), 0);
    }

    /** The query parameters (or POST body fields) that select the page at {@code position}. */
    Map<String, Object> params(Position position);

    /** The absolute or relative URL to request instead of the resource's path, for URL-following paginators. */
    default Optional<String> url(Position position) {
        return Optional.empty();
    }

    /** The next page's position after {@code page} was read at {@code position}; absent when it was the last. */
    Optional<Position> next(Position position, Page page);

    /** A single request. */
    record None() implements Paginator {
        @Override
        public String type() {
            return "none";
        }

        @Override
        public Map<String, Object> params(Position position) {
            return Map.of();
        }

        @Override
        public Optional<Position> next(Position position, Page page) {
            return Optional.empty();
        }
    }

    /** {@code offset}/{@code limit} parameters; stops at a short page or once a total is reached. */
    record Offset(String offsetParam, String limitParam, long limit, Optional<BodyPath> totalPath,
            Optional<String> totalHeader) implements Paginator {
        @Override
        public String type() {
            return "offset";
        }

        @Override
        public Map<String, Object> params(Position position) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put(offsetParam, position.number());
            params.put(limitParam, limit);
            return params;
        }

        @Override
        public Optional<Position> next(Position position, Page page) {
            int size = page.records().size();
            long reached = position.number() + size;
            OptionalLong total = total(page, totalPath, totalHeader);
            if (size == 0 || size < limit || (total.isPresent() && reached >= total.getAsLong())) {
                return Optional.empty();
            }
            return Optional.of(new Position(type(), reached, Optional.empty(), 0));
        }
    }

    /** A page-number parameter from {@code startPage}; stops at a short or empty page or after the total pages. */
    record PageNumber(String pageParam, long startPage, Optional<String> sizeParam, OptionalLong pageSize,
            Optional<BodyPath> totalPagesPath) implements Paginator {
        @Override
        public Position start() {
            return new Position(type(), startPage, Optional.empty(), 0);
        }

        @Override
        public String type() {
            return "page_number";
        }

        @Override
        public Map<String, Object> params(Position position) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put(pageParam, position.number());
            sizeParam.ifPresent(name -> params.put(name, pageSize.orElse(RestConfig.DEFAULT_PAGE_SIZE)));
            return params;
        }

        @Override
        public Optional<Position> next(Position position, Page page) {
            int size = page.records().size();
            long limit = pageSize.orElse(sizeParam.isPresent() ? RestConfig.DEFAULT_PAGE_SIZE : 0);
            OptionalLong pages = total(page, totalPagesPath, Optional.empty());
            if (size == 0 || (limit > 0 && size < limit)
                    || (pages.isPresent() && position.number() - startPage + 1 >= pages.getAsLong())) {
                return Optional.empty();
            }
            return Optional.of(new Position(type(), position.number() + 1, Optional.empty(), 0));
        }
    }

    /**
     * A cursor sent as {@code cursorParam}: taken from the body at {@code cursorPath}, or from the last record's
     * {@code recordField} (Stripe's {@code starting_after}); stops when it is absent or {@code hasMorePath} is false.
     */
    record Cursor(String cursorParam, Optional<BodyPath> cursorPath, Optional<String> recordField,
            Optional<BodyPath> hasMorePath, Optional<String> sizeParam, OptionalLong pageSize) implements Paginator {
        @Override
        public String type() {
            return "cursor";
        }

        @Override
        public Map<String, Object> params(Position position) {
            Map<String, Object> params = new LinkedHashMap<>();
            sizeParam.ifPresent(name -> params.put(name, pageSize.orElse(RestConfig.DEFAULT_PAGE_SIZE)));
            position.token().ifPresent(cursor -> params.put(cursorParam, cursor));
            return params;
        }

        @Override
        public Optional<Position> next(Position position, Page page) {
            if (page.records().isEmpty()) {
                return Optional.empty();
            }
            if (hasMorePath.isPresent()
                    && !Boolean.TRUE.equals(hasMorePath.get().resolve(page.body()).orElse(false))) {
                return Optional.empty();
            }
            Optional<Object> cursor = cursorPath.isPresent() ? cursorPath.get().resolve(page.body())
                    : Optional.ofNullable(page.records().get(page.records().size() - 1).get(recordField.orElseThrow()));
            return cursor.map(String::valueOf).filter(text -> !text.isBlank())
                    .map(text -> new Position(type(), position.number() + 1, Optional.of(text), 0));
        }
    }

    /** The next page's URL read from the body at {@code nextUrlPath}. */
    record NextUrl(BodyPath nextUrlPath) implements Paginator {
        @Override
        public String type() {
            return "next_url";
        }

        @Override
        public Map<String, Object> params(Position position) {
            return Map.of();
        }

        @Override
        public Optional<String> url(Position position) {
            return position.token();
        }

        @Override
        public Optional<Position> next(Position position, Page page) {
            if (page.records().isEmpty()) {
                return Optional.empty();
            }
            return nextUrlPath.resolve(page.body()).map(String::valueOf).filter(text -> !text.isBlank())
                    .map(url -> new Position(type(), position.number() + 1, Optional.of(resolved(page, url)), 0));
        }
    }

    /** The RFC 8288 {@code Link} header's target with relation {@code rel} (default {@code next}). */
    record LinkHeader(String rel) implements Paginator {
        private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");

        @Override
        public String type() {
            return "link_header";
        }

        @Override
        public Map<String, Object> params(Position position) {
            return Map.of();
        }

        @Override
        public Optional<String> url(Position position) {
            return position.token();
        }

        @Override
        public Optional<Position> next(Position position, Page page) {
            if (page.records().isEmpty()) {
                return Optional.empty();
            }
            for (String header : page.headers().values("Link")) {
                Matcher link = LINK.matcher(header);
                while (link.find()) {
                    for (String parameter : link.group(2).split(";")) {
                        String[] pair = parameter.trim().split("=", 2);
                        if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("rel")
                                && List.of(pair[1].trim().replace("\"", "").split("\\s+")).contains(rel)) {
                            return Optional.of(new Position(type(), position.number() + 1,
                                    Optional.of(resolved(page, link.group(1).trim())), 0));
                        }
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static String resolved(Page page, String url) {
        okhttp3.HttpUrl absolute = page.url().resolve(url);
        return absolute == null ? url : absolute.toString();
    }

    private static OptionalLong total(Page page, Optional<BodyPath> path, Optional<String> header) {
        Optional<Object> value = path.flatMap(p -> p.resolve(page.body()))
                .or(() -> header.map(name -> page.headers().get(name)));
        try {
            return value.map(v -> OptionalLong.of(Long.parseLong(String.valueOf(v).trim())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
