package dev.tributary.connector.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * What a response's rate-limit headers say about the remaining request budget.
 *
 * <p>Read from, newest form first:
 * <ol>
 *   <li>a single {@code RateLimit} header with parameters, separated by {@code ,} or {@code ;}:
 *       {@code limit=100, remaining=3, reset=8} (as Close sends it) or the newer IETF draft's
 *       {@code "default";r=3;t=8};</li>
 *   <li>separate {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} headers;</li>
 *   <li>the older {@code X-RateLimit-*} and {@code X-Rate-Limit-*} headers.</li>
 * </ol>
 * Reset values are seconds from now and may be fractional; a value above one billion is read as Unix epoch seconds
 * (as some APIs send), measured against the clock.
 *
 * @param limit the size of the budget, when given
 * @param remaining requests left in the current window
 * @param reset time until the window resets; zero when not given
 */
public record RateLimitStatus(OptionalLong limit, long remaining, Duration reset) {

    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)(?:^|[,;\\s])(limit|remaining|reset|r|t)\\s*=\\s*\"?(-?[0-9]+(?:\\.[0-9]+)?)\"?");
    private static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;

    public RateLimitStatus {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(reset, "reset");
        if (reset.isNegative()) {
            reset = Duration.ZERO;
        }
    }

    /**
     * Reads the headers of one response.
     *
     * @return the status; absent when the response carries no readable remaining-count
     */
    public static Optional<RateLimitStatus> from(Headers headers, Clock clock) {
        Optional<RateLimitStatus> combined = Optional.empty();
        for (String value : headers.values("RateLimit")) {
            Optional<RateLimitStatus> parsed = parseCombined(value, clock);
            // Several policies may be announced; the tightest one counts.
            if (parsed.isPresent() && (combined.isEmpty() || parsed.get().remaining() < combined.get().remaining())) {
                combined = parsed;
            }
        }
        if (combined.isPresent()) {
            return combined;
        }
        for (String prefix : new String[] {"RateLimit-", "X-RateLimit-", "X-Rate-Limit-"}) {
            Optional<RateLimitStatus> separate = parseSeparate(headers, prefix, clock);
            if (separate.isPresent()) {
                return separate;
            }
        }
        return Optional.empty();
    }

    /** Parses one combined {@code RateLimit} header value. */
    static Optional<RateLimitStatus> parseCombined(String value, Clock clock) {
        OptionalLong limit = OptionalLong.empty();
        Long remaining = null;
        Duration reset = Duration.ZERO;
        Matcher matcher = PARAMETER.matcher(value);
        while (matcher.find()) {
            String number = matcher.group(2);
            switch (matcher.group(1).toLowerCase(Locale.ROOT)) {
                case "limit" -> limit = wholeNumber(number).map(OptionalLong::of).orElse(OptionalLong.empty());
                case "remaining", "r" -> remaining = wholeNumber(number).orElse(null);
                default -> reset = resetDuration(number, clock);
            }
        }
        return remaining == null ? Optional.empty() : Optional.of(new RateLimitStatus(limit, remaining, reset));
    }

    private static Optional<RateLimitStatus> parseSeparate(Headers headers, String prefix, Clock clock) {
        String remainingText = headers.get(prefix + "Remaining");
        Optional<Long> remaining = remainingText == null ? Optional.empty() : wholeNumber(remainingText.trim());
        if (remaining.isEmpty()) {
            return Optional.empty();
        }
        String limitText = headers.get(prefix + "Limit");
        OptionalLong limit = limitText == null ? OptionalLong.empty()
                : wholeNumber(limitText.trim()).map(OptionalLong::of).orElse(OptionalLong.empty());
        String resetText = headers.get(prefix + "Reset");
        Duration reset = resetText == null ? Duration.ZERO : resetDuration(resetText.trim(), clock);
        return Optional.of(new RateLimitStatus(limit, remaining.get(), reset));
    }

    private static Optional<Long> wholeNumber(String text) {
        try {
            return Optional.of(new java.math.BigDecimal(text).longValue());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration resetDuration(String text, Clock clock) {
        Optional<Long> whole = wholeNumber(text);
        if (whole.isPresent() && whole.get() > EPOCH_SECONDS_THRESHOLD) {
            Duration untilEpoch = Duration.ofSeconds(whole.get()).minusMillis(clock.millis());
            return untilEpoch.isNegative() ? Duration.ZERO : untilEpoch;
        }
        return RetryAfter.seconds(text).orElse(Duration.ZERO);
    }

    /** Whether at most {@code threshold} requests are left in this window. */
    public boolean isLow(long threshold) {
        return remaining <= threshold;
    }

    /** A short description for logs and pause reasons, e.g. {@code "remaining=0 of 100, reset in PT8S"}. */
    public String describe() {
        return "remaining=" + remaining + (limit.isPresent() ? " of " + limit.getAsLong() : "")
                + ", reset in " + reset;
    }
}
