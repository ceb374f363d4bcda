package dev.tributary.connector.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * The request allowance a server states in its response headers: {@code requests} per {@code window}, passed on to
 * {@link dev.tributary.spi.ratelimit.RateLimiter#limitReported} so the data source's budget follows it.
 *
 * <p>A window stated by the server comes first: a {@code RateLimit-Policy} header ({@code 100;w=60}, or the newer
 * draft's {@code "default";q=100;w=60}) or a quota policy inside {@code RateLimit-Limit} ({@code 100, 100;w=60}).
 * Several policies may be stated; the one allowing the fewest requests per second counts. Otherwise the limit of
 * the {@link RateLimitStatus} ({@code RateLimit: limit=16, remaining=14, reset=1} as Close sends it,
 * {@code RateLimit-Limit}, {@code X-RateLimit-Limit}) applies to a window estimated by {@link ResetWindow}.
 *
 * @param requests how many requests the window allows, at least 1
 * @param window the window's length, positive
 * @param statement what the server said, for logs and progress, e.g. {@code "RateLimit-Policy: 100;w=60"}
 */
public record RateAllowance(int requests, Duration window, String statement) {

    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*([0-9]+)\\s*(?:;|$)");
    private static final Pattern PARAMETER = Pattern.compile("(?i);\\s*([a-z]+)\\s*=\\s*\"?([0-9]+)\"?");

    public RateAllowance {
        if (requests < 1) {
            throw new IllegalArgumentException("an allowance needs at least 1 request, got " + requests);
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("an allowance needs a positive window, got " + window);
        }
        Objects.requireNonNull(statement, "statement");
    }

    /** The sustained rate this allowance permits. */
    public double requestsPerSecond() {
        return requests * 1_000_000_000.0 / window.toNanos();
    }

    /**
     * Reads the allowance of one response.
     *
     * @param status the response's rate-limit status, when it has one
     * @param window estimates the window when the server does not state it
     * @return the allowance; absent when the response states no limit
     */
    static Optional<RateAllowance> from(Headers headers, Optional<RateLimitStatus> status, ResetWindow window) {
        for (String name : new String[] {"RateLimit-Policy", "RateLimit-Limit", "X-RateLimit-Limit"}) {
            Optional<RateAllowance> policy = tightestPolicy(name, headers.values(name));
            if (policy.isPresent()) {
                return policy;
            }
        }
        return status.filter(s -> s.limit().isPresent() && s.limit().getAsLong() >= 1).map(s -> {
            int limit = (int) Math.min(Integer.MAX_VALUE, s.limit().getAsLong());
            Duration estimated = window.observe(s.reset());
            return new RateAllowance(limit, estimated, "limit=" + limit + " per " + seconds(estimated)
                    + " (window estimated from the reset time)");
        });
    }

    private static Optional<RateAllowance> tightestPolicy(String name, Iterable<String> values) {
        RateAllowance tightest = null;
        for (String value : values) {
            for (String item : value.split(",")) {
                Optional<RateAllowance> policy = policy(name, item);
                if (policy.isPresent()
                        && (tightest == null || policy.get().requestsPerSecond() < tightest.requestsPerSecond())) {
                    tightest = policy.get();
                }
            }
        }
        return Optional.ofNullable(tightest);
    }

    /** One quota policy: {@code 100;w=60} or {@code "name";q=100;w=60}; absent without both numbers. */
    private static Optional<RateAllowance> policy(String name, String item) {
        long requests = -1;
        long seconds = -1;
        Matcher leading = LEADING_NUMBER.matcher(item);
        if (leading.find()) {
            requests = parse(leading.group(1));
        }
        Matcher parameter = PARAMETER.matcher(item);
        while (parameter.find()) {
            switch (parameter.group(1).toLowerCase(Locale.ROOT)) {
                case "q" -> requests = parse(parameter.group(2));
                case "w" -> seconds = parse(parameter.group(2));
                default -> { }
            }
        }
        if (requests < 1 || seconds < 1) {
            return Optional.empty();
        }
        return Optional.of(new RateAllowance((int) Math.min(Integer.MAX_VALUE, requests), Duration.ofSeconds(seconds),
                name + ": " + requests + ";w=" + seconds));
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String seconds(Duration window) {
        return window.toSeconds() + "s";
    }
}
