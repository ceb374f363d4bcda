package dev.tributary.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.testkit.CountingRateLimiter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonHttpClientTest {

    private static final String API_KEY = "canary-key-3f9a1c";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC);

    private final MockWebServer server = new MockWebServer();
    private final CountingRateLimiter limiter = new CountingRateLimiter();
    private JsonHttpClient client;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = clientFor(server.url("/api/v1/").toString()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private JsonHttpClient.Builder clientFor(String baseUrl) {
        return JsonHttpClient.builder(baseUrl)
                .basicAuth(API_KEY, "")
                .rateLimiter(limiter)
                .requestTimeout(Duration.ofSeconds(5))
                .clock(CLOCK);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private RecordedRequest takeRequest() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void getSendsQueryAndBasicAuthWithEmptyPassword() throws InterruptedException {
        server.enqueue(json(200, "{}"));
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("_skip", 200);
        query.put("_limit", 100);
        query.put("ignored", null);

        client.get("lead/", query);

        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/api/v1/lead/?_skip=200&_limit=100");
        String expected = Base64.getEncoder().encodeToString((API_KEY + ":").getBytes(StandardCharsets.UTF_8));
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic " + expected);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void parsesBodyKeepingKeyOrderNullsAndExactNumbers() {
        server.enqueue(json(200, "{\"z\":1,\"a\":null,\"m\":[true,\"x\"],"
                + "\"big\":123456789012345678901234567890,\"dec\":0.1000000000000000055511}"));

        Map<String, Object> body = client.get("thing/", Map.of()).object();

        assertThat(body).isInstanceOf(LinkedHashMap.class);
        assertThat(body.keySet()).containsExactly("z", "a", "m", "big", "dec");
        assertThat(body).containsEntry("a", null);
        assertThat(body.get("m")).isEqualTo(List.of(true, "x"));
        assertThat(body.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(body.get("dec")).isEqualTo(new BigDecimal("0.1000000000000000055511"));
    }

    @Test
    void postJsonSendsBodyAsJson() throws InterruptedException {
        server.enqueue(json(200, "{\"ok\":true}"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", Map.of("type", "and"));
        body.put("cursor", null);

        assertThat(client.postJson("data/search/", body).object()).containsEntry("ok", true);

        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getBody().utf8()).isEqualTo("{\"query\":{\"type\":\"and\"},\"cursor\":null}");
    }

    @Test
    void postFormSendsUrlEncodedFieldsLeavingNullsOut() throws InterruptedException {
        server.enqueue(json(200, "{\"access_token\":\"t\"}"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", "read write");
        form.put("audience", null);

        assertThat(client.postForm("oauth/token", form).object()).containsEntry("access_token", "t");

        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getBody().utf8()).isEqualTo("grant_type=client_credentials&scope=read+write");
    }

    @Test
    void withHeaderReplacesTheHeaderOnlyInTheView() throws InterruptedException {
        server.enqueue(json(200, "{}"));
        server.enqueue(json(200, "{}"));

        client.withHeader("Authorization", "Bearer fresh").get("a/", Map.of());
        client.get("b/", Map.of());

        assertThat(takeRequest().getHeaders().values("Authorization")).containsExactly("Bearer fresh");
        assertThat(takeRequest().getHeaders().get("Authorization")).startsWith("Basic ");
        assertThatThrownBy(() -> client.withHeader("Authorization", "two\nlines"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("two");
    }

    @Test
    void anHtmlPageInsteadOfJsonIsPermanentAndSaysToCheckTheUrl() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!doctype html><html><body>Sign in</body></html>").build());

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("HTML page instead of JSON").hasMessageContaining("check the base URL")
                .hasMessageNotContaining("Sign in");
    }

    @Test
    void resolvesPathsAgainstBaseUrlWithoutTrailingSlash() throws InterruptedException {
        server.enqueue(json(200, "[]"));
        try (JsonHttpClient noSlash = clientFor(server.url("/api/v1").toString()).build()) {
            assertThat(noSlash.get("/me/", Map.of()).array()).isEmpty();
        }

        assertThat(takeRequest().getTarget()).isEqualTo("/api/v1/me/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.close.com/api/v1/", "ftp://example.com/", "", "not a url"})
    void rejectsBaseUrlThatIsNotAbsoluteHttp(String baseUrl) {
        assertThatThrownBy(() -> JsonHttpClient.builder(baseUrl))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http");
    }

    @Test
    void acquiresPermitBeforeEveryRequest() {
        server.enqueue(json(200, "{}"));
        server.enqueue(json(500, "{}"));

        client.get("a/", Map.of());
        assertThatThrownBy(() -> client.get("b/", Map.of())).isInstanceOf(TransientException.class);

        assertThat(limiter.acquired()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void viewUsesItsOwnLimiterAndCancellation() {
        CountingRateLimiter entityLimiter = new CountingRateLimiter();
        server.enqueue(json(200, "{}"));

        client.with(entityLimiter, () -> false).get("a/", Map.of());
        JsonHttpClient cancelled = client.with(entityLimiter, () -> true);

        assertThatThrownBy(() -> cancelled.get("a/", Map.of())).isInstanceOf(CancellationException.class);
        assertThat(entityLimiter.acquired()).isEqualTo(1);
        assertThat(limiter.acquired()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void cancelledRunSendsNothing() {
        try (JsonHttpClient cancelled = clientFor(server.url("/").toString()).cancelled(() -> true).build()) {
            assertThatThrownBy(() -> cancelled.get("a/", Map.of()))
                    .isInstanceOf(CancellationException.class)
                    .hasMessageContaining("GET /a/");
        }
        assertThat(server.getRequestCount()).isZero();
        assertThat(limiter.acquired()).isZero();
    }

    @Test
    void interruptedThreadGetsCancellationAndKeepsInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            // The client's own check, not the limiter's, must see the interrupt: no permit is taken.
            assertThatThrownBy(() -> client.get("a/", Map.of())).isInstanceOf(CancellationException.class)
                    .hasMessage("GET /api/v1/a/: cancelled");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void interruptAbandonsRequestInFlightAndKeepsFlag() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        CompletableFuture<Boolean> flagKept = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                client.get("lead/", Map.of());
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
            flagKept.complete(Thread.currentThread().isInterrupted());
        });
        worker.start();
        assertThat(takeRequest()).isNotNull();

        worker.interrupt();

        assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class)
                .hasMessage("GET /api/v1/lead/: cancelled");
        assertThat(flagKept.get(5, TimeUnit.SECONDS)).isTrue();
        worker.join(5_000);
    }

    @Test
    void cancellationAbandonsRequestInFlight() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        AtomicBoolean cancelled = new AtomicBoolean();
        JsonHttpClient view = client.with(limiter, cancelled::get);
        CompletableFuture<Throwable> thrown = CompletableFuture.supplyAsync(() -> {
            try {
                view.get("lead/", Map.of());
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(takeRequest()).isNotNull();

        cancelled.set(true);

        assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }

    @Test
    void closeEndsDispatcherThreads() throws Exception {
        server.enqueue(json(200, "{}"));
        JsonHttpClient own = clientFor(server.url("/").toString()).build();
        own.get("a/", Map.of());
        List<Thread> dispatcherThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("OkHttp Dispatcher")).toList();
        assertThat(dispatcherThreads).isNotEmpty();

        own.close();

        for (Thread thread : dispatcherThreads) {
            thread.join(5_000);
        }
        assertThat(dispatcherThreads).noneMatch(Thread::isAlive);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void authenticationFailureCarriesServerMessageButNotKey(int code) {
        server.enqueue(json(code, "{\"error\": \"Invalid API key\"}"));

        assertThatThrownBy(() -> client.get("me/", Map.of()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("GET /api/v1/me/: HTTP " + code + ": Invalid API key")
                .message().doesNotContain(API_KEY);
    }

    @Test
    void rateLimitedWithRetryAfterSeconds() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)))
                .hasMessageStartingWith("GET /api/v1/lead/: HTTP 429");
    }

    @Test
    void rateLimitedWithRetryAfterHttpDate() {
        server.enqueue(new MockResponse.Builder().code(429)
                .addHeader("Retry-After", "Wed, 21 Oct 2026 07:28:07 GMT").build());

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "Wed, 21 Oct 2026 07:27:00 GMT"})
    void rateLimitedWithZeroOrPastRetryAfterGivesNoHint(String retryAfter) {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfter).build());

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter()).isEmpty());
    }

    @Test
    void rateLimitedUsesBodyHintFromInterpreterWhenHeaderIsAbsent() {
        ErrorBodyInterpreter interpreter = new ErrorBodyInterpreter() {
            @Override
            public Optional<String> message(ErrorResponse response) {
                return ErrorBodyInterpreter.standardMessage(response);
            }

            @Override
            public Optional<Duration> retryAfter(ErrorResponse response) {
                @SuppressWarnings("unchecked")
                Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) response.json().orElseThrow())
                        .get("error");
                return Optional.of(Duration.ofSeconds(((Number) error.get("rate_reset")).longValue()));
            }
        };
        server.enqueue(json(429, "{\"error\": {\"rate_reset\": 3, \"message\": \"API call count exceeded\"}}"));

        try (JsonHttpClient custom = clientFor(server.url("/").toString()).errorInterpreter(interpreter).build()) {
            assertThatThrownBy(() -> custom.get("lead/", Map.of()))
                    .isInstanceOfSatisfying(RateLimitedException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)))
                    .hasMessageEndingWith(": API call count exceeded");
        }
    }

    @Test
    void rateLimitedWithoutBodyFallsBackToExhaustedRateLimitHeader() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("RateLimit", "limit=100; remaining=0; reset=4")
                .build());

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(4)))
                .hasMessage("GET /api/v1/lead/: HTTP 429");
    }

    @Test
    void rateLimitedWithOnlyRateLimitResetHeaderWaitsForIt() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("RateLimit-Reset", "5").body("{}").build());

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(5)));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408})
    void serverErrorsAreTransient(int code) {
        server.enqueue(json(code, "{\"error\": \"try later\"}"));

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOf(TransientException.class)
                .hasMessage("GET /api/v1/lead/: HTTP " + code + ": try later");
    }

    @Test
    void serviceUnavailableCarriesRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "9").build());

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOfSatisfying(TransientException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(9)));
    }

    @Test
    void otherClientErrorsArePermanentWithServerMessage() {
        server.enqueue(json(400, "{\"errors\": [], \"field-errors\": {\"lead\": \"This field is required.\"}}"));
        ErrorBodyInterpreter fieldErrors = response -> Optional.of("field-errors seen");

        try (JsonHttpClient custom = clientFor(server.url("/").toString()).errorInterpreter(fieldErrors).build()) {
            assertThatThrownBy(() -> custom.get("contact/", Map.of()))
                    .isInstanceOf(PermanentException.class)
                    .hasMessage("GET /contact/: HTTP 400: field-errors seen");
        }
    }

    @Test
    void standardInterpreterReadsNestedErrorMessage() {
        server.enqueue(json(402, "{\"error\": {\"message\": \"plan limit reached\", \"rate_limit\": 5}}"));

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOf(PermanentException.class)
                .hasMessage("GET /api/v1/lead/: HTTP 402: plan limit reached");
    }

    @Test
    void nonJsonErrorBodyIsQuotedShortened() {
        server.enqueue(new MockResponse.Builder().code(404).body("Not Found" + "!".repeat(500)).build());

        assertThatThrownBy(() -> client.get("lead/x/", Map.of()))
                .isInstanceOf(PermanentException.class)
                .hasMessageStartingWith("GET /api/v1/lead/x/: HTTP 404: Not Found!!")
                .hasMessageEndingWith("…");
    }

    @Test
    void throwingInterpreterFallsBackToStandardMessage() {
        server.enqueue(json(400, "{\"error\": \"bad _limit\"}"));
        ErrorBodyInterpreter broken = response -> {
            throw new IllegalStateException("bug");
        };

        try (JsonHttpClient custom = clientFor(server.url("/").toString()).errorInterpreter(broken).build()) {
            assertThatThrownBy(() -> custom.get("lead/", Map.of())).hasMessage("GET /lead/: HTTP 400: bad _limit");
        }
    }

    @Test
    void malformedJsonBodyIsTransient() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html>gateway</html>").build());

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOf(TransientException.class)
                .hasMessageContaining("GET /api/v1/lead/: HTTP 200 with a truncated or malformed JSON body");
    }

    @Test
    void jsonCutShortIsTransient() {
        server.enqueue(json(200, "{\"has_more\": true, \"data\": [{\"id\": 1},"));

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOf(TransientException.class)
                .hasMessageContaining("truncated or malformed JSON body");
    }

    @Test
    void emptySuccessBodyIsTransient() {
        server.enqueue(new MockResponse.Builder().code(200).build());

        assertThatThrownBy(() -> client.get("lead/", Map.of()))
                .isInstanceOf(TransientException.class)
                .hasMessageContaining("empty body");
    }

    @Test
    void noContentHasNullBody() {
        server.enqueue(new MockResponse.Builder().code(204).build());

        assertThat(client.get("lead/", Map.of()).body()).isNull();
    }

    @Test
    void connectionDroppedMidBodyIsTransient() {
        char[] filler = new char[64 * 1024];
        Arrays.fill(filler, 'x');
        server.enqueue(new MockResponse.Builder().code(200)
                .body("{\"data\": \"" + new String(filler) + "\"}")
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        assertThatThrownBy(() -> client.get("lead/", Map.of())).isInstanceOf(TransientException.class);
    }

    @Test
    void connectionRefusedIsTransient() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (JsonHttpClient unreachable = clientFor("http://127.0.0.1:" + port + "/").build()) {
            assertThatThrownBy(() -> unreachable.get("lead/", Map.of()))
                    .isInstanceOf(TransientException.class)
                    .hasMessageStartingWith("GET /lead/: ");
        }
    }

    @Test
    void slowServerTimesOutAsTransient() {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());

        try (JsonHttpClient impatient = clientFor(server.url("/").toString())
                .requestTimeout(Duration.ofMillis(200)).build()) {
            assertThatThrownBy(() -> impatient.get("lead/", Map.of()))
                    .isInstanceOf(TransientException.class)
                    .hasMessageContaining("no complete response within PT0.2S");
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=100, remaining=0, reset=8", "limit=100; remaining=0; reset=8"})
    void pausesLimiterWhenTheWindowsBudgetIsUsedUp(String header) {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("RateLimit", header).body("{}").build());

        client.get("lead/", Map.of());

        assertThat(limiter.pauses()).singleElement().satisfies(pause -> {
            assertThat(pause.duration()).isEqualTo(Duration.ofSeconds(8));
            assertThat(pause.reason()).contains("remaining=");
        });
    }

    @Test
    void pausesOnLegacyHeaders() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Rate-Limit-Limit", "600")
                .addHeader("X-Rate-Limit-Remaining", "0").addHeader("X-Rate-Limit-Reset", "2.5").body("{}").build());

        client.get("lead/", Map.of());

        assertThat(limiter.pauses()).extracting(CountingRateLimiter.Pause::duration)
                .containsExactly(Duration.ofMillis(2500));
    }

    @Test
    void reportsTheAllowanceTheServerStatesOnEveryResponse() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("RateLimit-Policy", "100;w=1")
                .addHeader("RateLimit-Limit", "100").addHeader("RateLimit-Remaining", "99").body("{}").build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("RateLimit-Policy", "20;w=1")
                .addHeader("RateLimit-Limit", "20").addHeader("RateLimit-Remaining", "19").body("{}").build());

        client.get("lead/", Map.of());
        client.get("lead/", Map.of());

        assertThat(limiter.reportedLimits()).extracting(CountingRateLimiter.ReportedLimit::requests,
                CountingRateLimiter.ReportedLimit::window).containsExactly(
                        tuple(100, Duration.ofSeconds(1)),
                        tuple(20, Duration.ofSeconds(1)));
    }

    @Test
    void reportsCloseStyleLimitsAlsoOnA429() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("RateLimit", "limit=16; remaining=0; reset=1")
                .body("").build());

        assertThatThrownBy(() -> client.get("lead/", Map.of())).isInstanceOf(RateLimitedException.class);

        assertThat(limiter.reportedLimits()).singleElement().satisfies(reported -> {
            assertThat(reported.requests()).isEqualTo(16);
            assertThat(reported.window()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void reportsEveryResponsesStatusAndBodySizeToTheLimiter() {
        server.enqueue(json(200, "{\"data\": [1, 2, 3]}"));
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").body("slow down").build());
        server.enqueue(json(500, "{\"error\": \"boom\"}"));

        client.get("lead/", Map.of());
        assertThatThrownBy(() -> client.get("lead/", Map.of())).isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> client.get("lead/", Map.of())).isInstanceOf(TransientException.class);

        assertThat(limiter.responses()).containsExactly(new CountingRateLimiter.Response(200, 19),
                new CountingRateLimiter.Response(429, 0), new CountingRateLimiter.Response(500, 0));
    }

    @Test
    void reportsNothingWhenNoLimitIsStated() {
        server.enqueue(json(200, "{}"));

        client.get("lead/", Map.of());

        assertThat(limiter.reportedLimits()).isEmpty();
    }

    @Test
    void doesNotPauseWhileBudgetLasts() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("RateLimit", "limit=100, remaining=1, reset=8")
                .body("{}").build());

        client.get("lead/", Map.of());

        assertThat(limiter.pauses()).isEmpty();
    }

    @Test
    void thresholdIsConfigurable() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("RateLimit", "limit=100, remaining=10, reset=3")
                .body("{}").build());

        try (JsonHttpClient cautious = clientFor(server.url("/").toString()).pauseWhenRemainingAtMost(10).build()) {
            cautious.get("lead/", Map.of());
        }

        assertThat(limiter.pauses()).extracting(CountingRateLimiter.Pause::duration)
                .containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void toStringHidesAuthorization() {
        assertThat(client.toString()).doesNotContain(API_KEY).doesNotContain("Basic");
    }
}
