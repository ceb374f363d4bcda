package dev.tributary.connector.stripe;

import com.google.gson.JsonElement;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RateLimiter;
import dev.tributary.testkit.FakeConnectorContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Builds connectors wired to a {@link FakeStripe}, and the small fakes the tests share. */
final class TestSupport {

    static final String API_KEY = "sk_test_51CanarySecretKeyValue0000";

    private TestSupport() {
    }

    /** A connector initialized against the fake, with the fake's clock. */
    static StripeConnector connector(FakeStripe fake) {
        return connector(fake, Map.of());
    }

    /** A connector initialized against the fake with extra config values. */
    static StripeConnector connector(FakeStripe fake, Map<String, Object> extraConfig) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(StripeConfig.API_KEY, API_KEY);
        values.put(StripeConfig.API_BASE_URL, fake.baseUrl());
        values.putAll(extraConfig);
        return initialized(values, new SupplierClock(fake::now), RateLimiter.unlimited());
    }

    /** A connector initialized with exactly these config values. */
    static StripeConnector initialized(Map<String, Object> values, Clock clock, RateLimiter limiter) {
        StripeConnector connector = new StripeConnector(clock);
        Config config = Config.of(values, connector.getMetadata().configSchema());
        connector.initialize(new FakeConnectorContext(config,
                Settings.DEFAULTS.withRequestTimeout(Duration.ofSeconds(10)), "stripe-test", limiter,
                System.getLogger("stripe-test")));
        return connector;
    }

    /** The fake's objects of a resource as JSON trees by id. */
    static Map<String, JsonElement> expected(FakeStripe fake, FakeStripe.Resource resource) {
        Map<String, JsonElement> json = new LinkedHashMap<>();
        fake.state(resource).forEach((id, object) -> json.put(id, object));
        return json;
    }

    /** A clock reading the fake's time. */
    static final class SupplierClock extends Clock {
        private final Supplier<Instant> now;

        SupplierClock(Supplier<Instant> now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("fixed to UTC");
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** A rate limiter that counts permits and records pauses, never waiting. */
    static class CountingRateLimiter implements RateLimiter {
        final AtomicInteger acquired = new AtomicInteger();
        final List<String> pauses = new ArrayList<>();

        @Override
        public void acquire() {
            acquired.incrementAndGet();
        }

        final List<Integer> statuses = new ArrayList<>();

        @Override
        public synchronized void pause(Duration duration, String reason) {
            pauses.add(duration + " " + reason);
        }

        @Override
        public synchronized void responseReceived(int status, long bodyBytes) {
            statuses.add(status);
        }
    }

    /** A logger keeping every message. */
    static final class RecordingLogger implements System.Logger {
        final List<String> messages = new ArrayList<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            messages.add(level + " " + msg + (thrown == null ? "" : " " + thrown));
        }

        @Override
        public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
            messages.add(level + " " + (params == null || params.length == 0 ? format
                    : java.text.MessageFormat.format(format, params)));
        }
    }
}
