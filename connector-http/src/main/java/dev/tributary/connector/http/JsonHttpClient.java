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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A JSON-over-HTTP client for one data source: a base URL, an authorization header, the request timeout, and the
 * data source's {@link RateLimiter}.
 *
 * <p>Every request
 * <ol>
 *   <li>checks cancellation, calls {@link RateLimiter#acquire()}, and checks cancellation again;</li>
 *   <li>is sent once; there is no retry here, because the runtime retries from the last resume state;</li>
 *   <li>reads the rate-limit headers: the allowance the server states ({@link RateAllowance}) goes to
 *       {@link RateLimiter#limitReported(int, Duration, String)} so the budget follows it up and down, and when at
 *       most the configured number of requests is left ({@link RateLimitStatus}) it calls
 *       {@link RateLimiter#pause(Duration, String)} until the window resets;</li>
 *   <li>parses a 2xx body with {@link JsonCodec}, or turns the failure into the exception kind the runtime acts
 *       on: 401/403 {@link AuthenticationException}; 429 {@link RateLimitedException} with the wait from
 *       {@code Retry-After}, else the {@link ErrorBodyInterpreter}'s body hint, else an exhausted rate-limit
 *       header's reset, else a lone {@code RateLimit-Reset}; 408, 425, 5xx, network errors, timeouts and
 *       truncated or malformed 2xx bodies {@link TransientException}; every other status
 *       {@link PermanentException}. Messages hold the method, the path (never the query or headers) and the
 *       server's explanation.</li>
 * </ol>
 * A cancelled run or an interrupted thread ends in {@link CancellationException} with the interrupt flag kept, also
 * while a request is in flight: the request runs on OkHttp's dispatcher threads and is abandoned at once.
 *
 * <p>Thread-safe. Instances made with {@link #with(RateLimiter, BooleanSupplier)} share the connection pool and
 * dispatcher threads of the client they came from; only that original client's {@link #close()} releases them.
 */
public final class JsonHttpClient implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** How often a waiting request checks the cancellation signal (interrupts are seen at once). */
    private static final Duration CANCELLATION_POLL = Duration.ofMillis(100);

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final Headers headers;
    private final Duration requestTimeout;
    private final RateLimiter rateLimiter;
    private final BooleanSupplier cancelled;
    private final ErrorBodyInterpreter interpreter;
    private final FailureClassifier failures;
    private final long lowRemaining;
    private final Clock clock;
    private final JsonCodec codec;
    private final ResetWindow resetWindow;
    private final boolean ownsConnections;

    private JsonHttpClient(OkHttpClient http, HttpUrl baseUrl, Headers headers, Duration requestTimeout,
            RateLimiter rateLimiter, BooleanSupplier cancelled, ErrorBodyInterpreter interpreter, long lowRemaining,
            Clock clock, JsonCodec codec, ResetWindow resetWindow, boolean ownsConnections) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.headers = headers;
        this.requestTimeout = requestTimeout;
        this.rateLimiter = rateLimiter;
        this.cancelled = cancelled;
        this.interpreter = interpreter;
        this.failures = new FailureClassifier(interpreter, codec, clock);
        this.lowRemaining = lowRemaining;
        this.clock = clock;
        this.codec = codec;
        this.resetWindow = resetWindow;
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
                interpreter, lowRemaining, clock, codec, resetWindow, false);
    }

    /**
     * A client sharing this one's connections and settings that sends {@code name: value} instead of any header of
     * that name, e.g. an OAuth2 access token that changes while the client lives.
     *
     * @throws IllegalArgumentException when the name or value is not a valid header (the message omits the value)
     */
    public JsonHttpClient withHeader(String name, String value) {
        Headers replaced;
        try {
            replaced = headers.newBuilder().set(name, value).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header '" + name + "' has a name or value not allowed in HTTP");
        }
        return new JsonHttpClient(http, baseUrl, replaced, requestTimeout, rateLimiter, cancelled, interpreter,
                lowRemaining, clock, codec, resetWindow, false);
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

    /**
     * Sends {@code POST} with an {@code application/x-www-form-urlencoded} body, e.g. an OAuth2 token request.
     *
     * @param path a path relative to the base URL, or an absolute http(s) URL
     * @param form the form fields in the order to send them; entries with a null value are left out
     * @return the parsed 2xx response
     * @throws ConnectorException of the kind described on this class
     * @throws CancellationException when the run was cancelled or the thread interrupted
     */
    public JsonResponse postForm(String path, Map<String, String> form) {
        FormBody.Builder body = new FormBody.Builder();
        form.forEach((name, value) -> {
            if (value != null) {
                body.add(name, value);
            }
        });
        return execute(new Request.Builder().url(url(path, Map.of())).headers(headers).post(body.build()).build());
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
        // The call runs on OkHttp's dispatcher so that this thread only waits, and an interrupt or cancellation
        // can abandon a request stuck in blocking socket I/O at once instead of after the request timeout.
        Call call = http.newCall(request);
        CompletableFuture<JsonResponse> outcome = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                outcome.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call answered, Response response) {
                try (response) {
                    outcome.complete(handle(request, description, response));
                } catch (IOException | RuntimeException e) {
                    outcome.completeExceptionally(e);
                }
            }
        });
        return await(call, outcome, description);
    }

    private JsonResponse await(Call call, CompletableFuture<JsonResponse> outcome, String description) {
        try {
            while (true) {
                try {
                    return outcome.get(CANCELLATION_POLL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (cancelled.getAsBoolean()) {
                        call.cancel();
                        throw cancellation(description, null);
                    }
                }
            }
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw cancellation(description, e);
        } catch (ExecutionException e) {
            throw failed(description, e.getCause());
        }
    }

    private JsonResponse handle(Request request, String description, Response response) throws IOException {
        observeRateLimit(response.headers());
        if (!response.isSuccessful()) {
            rateLimiter.responseReceived(response.code(), 0);
            throw failures.classify(request, response);
        }
        byte[] bytes = response.body().bytes();
        rateLimiter.responseReceived(response.code(), bytes.length);
        return new JsonResponse(description, response.code(), response.headers(),
                parseBody(description, response, bytes));
    }

    private RuntimeException failed(String description, Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof InterruptedIOException timeout) {
            return new TransientException(description + ": no complete response within " + requestTimeout
                    + " (" + timeout.getMessage() + ")", timeout);
        }
        return new TransientException(description + ": " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), cause);
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

    private Object parseBody(String description, Response response, byte[] bytes) {
        int code = response.code();
        if (bytes.length == 0 && (code == 204 || code == 205)) {
            return null;
        }
        try {
            return codec.parse(bytes);
        } catch (JsonProcessingException e) {
            String type = Optional.ofNullable(response.header("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
            if (type.startsWith("text/html")) {
                // A web page where the API was expected: a wrong URL or a login page, which retrying cannot fix.
                throw new PermanentException(description + ": HTTP " + code + " with an HTML page instead of JSON;"
                        + " check the base URL and path (a login or error page is often served as HTML)");
            }
            throw new TransientException(description + ": HTTP " + code
                    + " with a truncated or malformed JSON body: " + JsonCodec.firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new TransientException(description + ": HTTP " + code + ": " + e.getMessage(), e);
        }
    }

    private void observeRateLimit(Headers responseHeaders) {
        Optional<RateLimitStatus> status = RateLimitStatus.from(responseHeaders, clock);
        RateAllowance.from(responseHeaders, status, resetWindow).ifPresent(allowance ->
                rateLimiter.limitReported(allowance.requests(), allowance.window(), allowance.statement()));
        status.filter(s -> s.isLow(lowRemaining) && !s.reset().isZero())
                .ifPresent(s -> rateLimiter.pause(s.reset(), "rate limit nearly used up: " + s.describe()));
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
        private long lowRemaining = 0;
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
         * left; default 0, i.e. once the window's budget is used up (the budget follows the server's stated
         * allowance, so pausing earlier would only waste the window's last requests). Raise it when other clients
         * share the API key.
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
            Dispatcher dispatcher = new Dispatcher();
            // The data source's rate limiter is the throttle; the dispatcher must not queue requests behind it.
            dispatcher.setMaxRequests(256);
            dispatcher.setMaxRequestsPerHost(256);
            OkHttpClient http = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .callTimeout(requestTimeout)
                    .connectTimeout(requestTimeout)
                    .readTimeout(requestTimeout)
                    .writeTimeout(requestTimeout)
                    // The runtime retries from the last resume state; a hidden retry here would double the count.
                    .retryOnConnectionFailure(false)
                    .build();
            return new JsonHttpClient(http, baseUrl, headers.build(), requestTimeout, rateLimiter, cancelled,
                    interpreter, lowRemaining, clock, new JsonCodec(), new ResetWindow(), true);
        }
    }
}
