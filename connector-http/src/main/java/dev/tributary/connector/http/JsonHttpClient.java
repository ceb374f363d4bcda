package dev.tributary.connector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.ConnectorException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import okhttp3.Credentials;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A JSON-over-HTTP client for one data source: a base URL, an authorization header, the request timeout, and the
 * data source's {@link RateLimiter}.
 *
 * <p>Every request
 * <ol>
 *   <li>checks cancellation, calls {@link RateLimiter#acquire()}, and checks cancellation again;</li>
 *   <li>is sent once; there is no retry here, because the runtime retries from the last resume state;</li>
 *   <li>reads the rate-limit headers ({@link RateLimitStatus}) and, when at most the configured number of requests
 *       is left, calls {@link RateLimiter#pause(Duration, String)} until the window resets;</li>
 *   <li>parses a 2xx body with {@link JsonCodec}, or turns the failure into the exception kind the runtime acts
 *       on: 401/403 {@link AuthenticationException}; 429 {@link RateLimitedException} with the wait from
 *       {@code Retry-After}, else the {@link ErrorBodyInterpreter}'s body hint, else an exhausted rate-limit
 *       header's reset; 408, 425, 5xx, network errors, timeouts and truncated or malformed 2xx bodies
 *       {@link TransientException}; every other status {@link PermanentException}. Messages hold the method, the
 *       path (never the query or headers) and the server's explanation.</li>
 * </ol>
 * A cancelled run or an interrupted thread ends in {@link CancellationException} with the interrupt flag kept.
 *
 * <p>Thread-safe. Instances made with {@link #with(RateLimiter, BooleanSupplier)} share the connection pool of the
 * client they came from; only that original client's {@link #close()} releases it.
 */
public final class JsonHttpClient implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final long ERROR_BODY_LIMIT = 64 * 1024;

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final Headers headers;
    private final Duration requestTimeout;
    private final RateLimiter rateLimiter;
    private final BooleanSupplier cancelled;
    private final ErrorBodyInterpreter interpreter;
    private final long lowRemaining;
    private final Clock clock;
    private final JsonCodec codec;
    private final boolean ownsConnections;

    private JsonHttpClient(OkHttpClient http, HttpUrl baseUrl, Headers headers, Duration requestTimeout,
            RateLimiter rateLimiter, BooleanSupplier cancelled, ErrorBodyInterpreter interpreter, long lowRemaining,
            Clock clock, JsonCodec codec, boolean ownsConnections) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.headers = headers;
        this.requestTimeout = requestTimeout;
        this.rateLimiter = rateLimiter;
        this.cancelled = cancelled;
        this.interpreter = interpreter;
        this.lowRemaining = lowRemaining;
        this.clock = clock;
        this.codec = codec;
        this.ownsConnections = ownsConnections;
    }

    /**
     * Starts a client for the given base URL. Paths given to {@link #get} and {@link #postJson} are resolved
     * against it; a missing trailing {@code /} is added, so {@code https://host/api/v1} and
     * {@code https://host/api/v1/} both put {@code lead/} at {@code https://host/api/v1/lead/}.
     *
     * @throws IllegalArgumentException when the text is not an absolute {@code http} or {@code https} URL (the
     *     message does not repeat it)
     */
    public static Builder builder(String baseUrl) {
        return new Builder(parseBaseUrl(baseUrl));
    }

    /**
     * Parses a base URL the way {@link #builder(String)} does.
     *
     * @return the URL with a trailing {@code /}; absent when the text is not an absolute http(s) URL
     */
    public static Optional<HttpUrl> baseUrl(String text) {
        HttpUrl url = text == null ? null : HttpUrl.parse(text.trim());
        if (url == null) {
            return Optional.empty();
        }
        if (!url.encodedPath().endsWith("/")) {
            url = url.newBuilder().encodedPath(url.encodedPath() + "/").build();
        }
        return Optional.of(url);
    }

    private static HttpUrl parseBaseUrl(String text) {
        return baseUrl(text).orElseThrow(() -> new IllegalArgumentException(
                "base URL must be an absolute http:// or https:// URL"));
    }

    /** The base URL requests are resolved against, with a trailing {@code /}. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /**
     * A client sharing this one's connections and settings that goes through another rate limiter and
     * cancellation signal, e.g. those of one entity run.
     */
    public JsonHttpClient with(RateLimiter limiter, BooleanSupplier cancellation) {
        return new JsonHttpClient(http, baseUrl, headers, requestTimeout,
                Objects.requireNonNull(limiter, "limiter"), Objects.requireNonNull(cancellation, "cancellation"),
                interpreter, lowRemaining, clock, codec, false);
    }

    /** {@link #with(RateLimiter, BooleanSupplier)} with the rate limiter and cancellation of one entity run. */
    public JsonHttpClient forFetch(FetchOptions options) {
        return with(options.rateLimiter(), options::isCancelled);
    }

    /**
     * Sends {@code GET} with query parameters.
     *
     * @param path a path relative to the base URL, e.g. {@code "lead/"}; a leading {@code /} is ignored
     * @param query parameters in the order to send them; entries with a null value are left out
     * @return the parsed 2xx response
     * @throws ConnectorException of the kind described on this class
     * @throws CancellationException when the run was cancelled or the thread interrupted
     */
    public JsonResponse get(String path, Map<String, ?> query) {
        return execute(new Request.Builder().url(url(path, query)).headers(headers).get().build());
    }

    /**
     * Sends {@code POST} with a JSON body.
     *
     * @param path a path relative to the base URL
     * @param body a JSON-compatible value (maps, lists, strings, numbers, booleans, null)
     * @return the parsed 2xx response
     * @throws ConnectorException of the kind described on this class
     * @throws CancellationException when the run was cancelled or the thread interrupted
     */
    public JsonResponse postJson(String path, Object body) {
        RequestBody requestBody = RequestBody.create(codec.writeBytes(body), JSON);
        return execute(new Request.Builder().url(url(path, Map.of())).headers(headers).post(requestBody).build());
    }

    private HttpUrl url(String path, Map<String, ?> query) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        HttpUrl resolved = baseUrl.resolve(relative);
        if (resolved == null) {
            throw new IllegalArgumentException("path cannot be resolved against the base URL: " + path);
        }
        HttpUrl.Builder builder = resolved.newBuilder();
        query.forEach((name, value) -> {
            if (value != null) {
                builder.addQueryParameter(name, value.toString());
            }
        });
        return builder.build();
    }

    private JsonResponse execute(Request request) {
        String description = request.method() + " " + request.url().encodedPath();
        throwIfCancelled(description);
        rateLimiter.acquire();
        throwIfCancelled(description);
        try (Response response = http.newCall(request).execute()) {
            observeRateLimit(response.headers());
            if (!response.isSuccessful()) {
                throw failure(request, response);
            }
            return new JsonResponse(description, response.code(), response.headers(),
                    parseBody(description, response));
        } catch (InterruptedIOException e) {
            if (isCancellation(e)) {
                Thread.currentThread().interrupt();
                throw cancellation(description, e);
            }
            throw new TransientException(description + ": no complete response within " + requestTimeout
                    + " (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new TransientException(description + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    private boolean isCancellation(InterruptedIOException e) {
        // Okio reports a thread interrupt as InterruptedIOException("interrupted") and clears the flag; a timeout
        // is an InterruptedIOException too, so the flag and the message tell them apart.
        return Thread.currentThread().isInterrupted() || cancelled.getAsBoolean()
                || "interrupted".equals(e.getMessage());
    }

    private void throwIfCancelled(String description) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw cancellation(description, null);
        }
    }

    private static CancellationException cancellation(String description, Throwable cause) {
        CancellationException cancellation = new CancellationException(description + ": cancelled");
        if (cause != null) {
            cancellation.initCause(cause);
        }
        return cancellation;
    }

    private Object parseBody(String description, Response response) throws IOException {
        ResponseBody body = response.body();
        byte[] bytes = body.bytes();
        if (bytes.length == 0 && (response.code() == 204 || response.code() == 205)) {
            return null;
        }
        try {
            return codec.parse(bytes);
        } catch (JsonProcessingException e) {
            throw new TransientException(description + ": HTTP " + response.code()
                    + " with a truncated or malformed JSON body: " + JsonCodec.firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new TransientException(description + ": HTTP " + response.code() + ": " + e.getMessage(), e);
        }
    }

    private void observeRateLimit(Headers responseHeaders) {
        RateLimitStatus.from(responseHeaders, clock)
                .filter(status -> status.isLow(lowRemaining) && !status.reset().isZero())
                .ifPresent(status -> rateLimiter.pause(status.reset(), "rate limit nearly used up: "
                        + status.describe()));
    }

    private ConnectorException failure(Request request, Response response) {
        String text = errorBodyText(response);
        Optional<Object> json = Optional.empty();
        if (!text.isBlank()) {
            try {
                json = Optional.ofNullable(codec.parse(text.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                json = Optional.empty();
            }
        }
        ErrorResponse error = new ErrorResponse(request.method(), request.url().encodedPath(), response.code(),
                response.headers(), text, json);
        String message = error.describe() + safeMessage(error).map(m -> ": " + m).orElse("");
        int code = response.code();
        if (code == 401 || code == 403) {
            return new AuthenticationException(message);
        }
        Optional<Duration> retryAfter = new RetryAfter(clock).parse(response.header("Retry-After"));
        if (code == 429) {
            Optional<Duration> wait = retryAfter
                    .or(() -> safeRetryAfter(error))
                    .or(() -> RateLimitStatus.from(response.headers(), clock)
                            .filter(status -> status.remaining() <= 0)
                            .map(RateLimitStatus::reset));
            return new RateLimitedException(message, wait);
        }
        if (code == 408 || code == 425 || code >= 500) {
            return new TransientException(message, null, retryAfter);
        }
        return new PermanentException(message);
    }

    private Optional<String> safeMessage(ErrorResponse error) {
        try {
            return interpreter.message(error).filter(m -> !m.isBlank());
        } catch (RuntimeException e) {
            return ErrorBodyInterpreter.standardMessage(error);
        }
    }

    private Optional<Duration> safeRetryAfter(ErrorResponse error) {
        try {
            return interpreter.retryAfter(error).filter(d -> !d.isNegative() && !d.isZero());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String errorBodyText(Response response) {
        try {
            return response.peekBody(ERROR_BODY_LIMIT).string();
        } catch (IOException e) {
            // A broken error body does not change the status-based classification.
            return "";
        }
    }

    /** Releases the connection pool and threads, when this client is the original; views do nothing. */
    @Override
    public void close() {
        if (ownsConnections) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** Shows the base URL only; the authorization header is never printed. */
    @Override
    public String toString() {
        return "JsonHttpClient[" + baseUrl + "]";
    }

    /** Configures a {@link JsonHttpClient}. Not thread-safe. */
    public static final class Builder {
        private final HttpUrl baseUrl;
        private final Headers.Builder headers = new Headers.Builder();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RateLimiter rateLimiter = RateLimiter.unlimited();
        private BooleanSupplier cancelled = () -> false;
        private ErrorBodyInterpreter interpreter = ErrorBodyInterpreter.standard();
        private long lowRemaining = 1;
        private Clock clock = Clock.systemUTC();

        private Builder(HttpUrl baseUrl) {
            this.baseUrl = baseUrl;
            headers.set("Accept", "application/json");
        }

        /** Sends {@code Authorization: Basic base64(user:password)}; Close uses the API key and an empty password. */
        public Builder basicAuth(String user, String password) {
            return authorization(Credentials.basic(user, password, StandardCharsets.UTF_8));
        }

        /** Sends {@code Authorization: Bearer <token>}. */
        public Builder bearerToken(String token) {
            return authorization("Bearer " + token);
        }

        /** Sends the given {@code Authorization} header value with every request. It is never logged or printed. */
        public Builder authorization(String value) {
            headers.set("Authorization", Objects.requireNonNull(value, "authorization"));
            return this;
        }

        /** Sends a header with every request, replacing one of the same name. */
        public Builder header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        /** Sends {@code User-Agent}, e.g. {@code "tributary-close/1.0"}. */
        public Builder userAgent(String value) {
            return header("User-Agent", value);
        }

        /** How long one request may take from connecting to the last byte, e.g. {@code settings().requestTimeout()}. */
        public Builder requestTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
            this.requestTimeout = value;
            return this;
        }

        /** The limiter every request goes through; default {@link RateLimiter#unlimited()}. */
        public Builder rateLimiter(RateLimiter value) {
            this.rateLimiter = Objects.requireNonNull(value, "rateLimiter");
            return this;
        }

        /** Tells whether the work was cancelled; checked before and after acquiring a permit. Default never. */
        public Builder cancelled(BooleanSupplier value) {
            this.cancelled = Objects.requireNonNull(value, "cancelled");
            return this;
        }

        /** Reads the API's error bodies; default {@link ErrorBodyInterpreter#standard()}. */
        public Builder errorInterpreter(ErrorBodyInterpreter value) {
            this.interpreter = Objects.requireNonNull(value, "errorInterpreter");
            return this;
        }

        /**
         * Pause the rate limiter until the window resets once a response says at most this many requests are
         * left; default 1. Zero waits until the budget is used up.
         */
        public Builder pauseWhenRemainingAtMost(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("remaining threshold must not be negative");
            }
            this.lowRemaining = value;
            return this;
        }

        /** The clock HTTP-dates and epoch resets are measured against; default the system clock. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Builds the client with its own connection pool; close it when done. */
        public JsonHttpClient build() {
            OkHttpClient http = new OkHttpClient.Builder()
                    .callTimeout(requestTimeout)
                    .connectTimeout(requestTimeout)
                    .readTimeout(requestTimeout)
                    .writeTimeout(requestTimeout)
                    // The runtime retries from the last resume state; a hidden retry here would double the count.
                    .retryOnConnectionFailure(false)
                    .build();
            return new JsonHttpClient(http, baseUrl, headers.build(), requestTimeout, rateLimiter, cancelled,
                    interpreter, lowRemaining, clock, new JsonCodec(), true);
        }
    }
}
