package dev.tributary.runtime.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.Tributary;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server behind {@code tributary serve}: the {@code /api} routes of its {@link RouteGroup}s, every one
 * behind {@link TokenAuth}, {@code /metrics} for Prometheus (behind the token too unless
 * {@linkplain Builder#metricsPublic(boolean) public}), the health probes {@code /healthz} and {@code /readyz} (no
 * token, no detail), and the web console's static files at {@code /}. Errors are answered as
 * {@code {"error": {"code", "message", "field"?}}}.
 *
 * <p>{@link #close()} first makes {@code /readyz} answer 503 {@code stopping}, then closes the shutdown hooks (in reverse order of registration; e.g. cancelling running
 * syncs so they commit up to their last batch), then stops the HTTP server. Thread-safe.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String CONSOLE_RESOURCES = "/dev/tributary/runtime/server/console";
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; frame-ancestors 'none'";

    private final Javalin app;
    private final List<ApiRoutes.Route> routes;
    private final List<AutoCloseable> shutdownHooks;
    private final Optional<String> generatedToken;
    private final String host;
    private final ProbeRoutes probes;
    private boolean closed;

    private ApiServer(Javalin app, List<ApiRoutes.Route> routes, List<AutoCloseable> shutdownHooks,
                      Optional<String> generatedToken, String host, ProbeRoutes probes) {
        this.app = app;
        this.probes = probes;
        this.routes = List.copyOf(routes);
        this.shutdownHooks = List.copyOf(shutdownHooks);
        this.generatedToken = generatedToken;
        this.host = host;
    }

    /** Starts configuring a server; defaults: host {@code 127.0.0.1}, port 8080. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the one chosen by the system when 0 was asked for). */
    public int port() {
        return app.port();
    }

    /** The base address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + port() + "/");
    }

    /**
     * The token made up because none was configured (only allowed on a loopback host); absent when tokens were
     * configured. The caller shows it to the operator once; the server never logs it.
     */
    public Optional<String> generatedToken() {
        return generatedToken;
    }

    /** Every API route served, in registration order. */
    public List<ApiRoutes.Route> routes() {
        return routes;
    }

    /** Closes the shutdown hooks, then stops serving. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        probes.markStopping();
        for (int i = shutdownHooks.size() - 1; i >= 0; i--) {
            try {
                shutdownHooks.get(i).close();
            } catch (Exception e) {
                LOG.warn("shutdown step {} failed; stopping anyway", shutdownHooks.get(i).getClass().getName(), e);
            }
        }
        app.stop();
    }

    /** Configures and starts an {@link ApiServer}. Not thread-safe; use once. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Optional<TokenAuth> tokens = Optional.empty();
        private Duration stopTimeout = Duration.ofSeconds(10);
        private final List<RouteGroup> groups = new ArrayList<>();
        private final List<AutoCloseable> shutdownHooks = new ArrayList<>();
        private ObjectMapper json = new ObjectMapper();
        private Optional<Tributary> tributary = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Duration schedulePeriod = Duration.ofSeconds(15);
        private Duration syncShutdownWait = Duration.ofSeconds(30);
        private Optional<PrometheusMeterRegistry> meterRegistry = Optional.empty();
        private boolean metricsPublic;
        private double webhookRate = 100;
        private int webhookMaxBody = 512 * 1024;

        private Builder() {
        }

        /**
         * The registry {@code GET /metrics} shows; pass the one given to {@code Tributary.builder().meterRegistry}
         * so the runtime's sync meters appear. The server binds Micrometer's JVM and process meters to it. Defaults
         * to a registry of the server's own, with those meters only.
         */
        public Builder meterRegistry(PrometheusMeterRegistry registry) {
            this.meterRegistry = Optional.of(Objects.requireNonNull(registry, "registry"));
            return this;
        }

        /**
         * Whether {@code GET /metrics} is served without a token, for scrapers on a private network (default false:
         * it asks for an API token like the API).
         */
        public Builder metricsPublic(boolean value) {
            this.metricsPublic = value;
            return this;
        }

        /**
         * How many webhook deliveries a second each data source may receive at {@code POST /webhooks/{source}}
         * (default 100, bursts of twice that, at least 2); more are answered 429 and the source retries.
         */
        public Builder webhookRate(double perSecond) {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("the webhook rate must be positive, was " + perSecond);
            }
            this.webhookRate = perSecond;
            return this;
        }

        /** The largest webhook body accepted, in bytes (default 512 KiB); larger ones are answered 413. */
        public Builder webhookMaxBody(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the webhook body limit must be positive, was " + bytes);
            }
            this.webhookMaxBody = bytes;
            return this;
        }

        /** The address to listen on; a host that is not loopback needs tokens. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The port; 0 lets the system choose one. */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be 0 to 65535, was " + value);
            }
            this.port = value;
            return this;
        }

        /** The accepted bearer tokens; when absent a random one is made, which only a loopback host allows. */
        public Builder tokens(Optional<TokenAuth> value) {
            this.tokens = Objects.requireNonNull(value, "tokens");
            return this;
        }

        /** How long stopping waits for requests in flight; default 10 seconds. */
        public Builder stopTimeout(Duration value) {
            this.stopTimeout = Objects.requireNonNull(value, "stopTimeout");
            return this;
        }

        /** The JSON mapper for bodies; defaults to a plain {@link ObjectMapper}. */
        public Builder json(ObjectMapper value) {
            this.json = Objects.requireNonNull(value, "json");
            return this;
        }

        /**
         * Serves the API over this runtime: connectors, plugins, data sources, syncs and runs, and syncs scheduled
         * sources when due. On close, running syncs are cancelled first. The caller keeps and closes the runtime.
         */
        public Builder tributary(Tributary runtime) {
            this.tributary = Optional.of(Objects.requireNonNull(runtime, "runtime"));
            return this;
        }

        /** The clock for run times and schedules; defaults to the system clock in UTC. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How often schedules are checked (default 15 seconds); {@link Duration#ZERO} turns the scheduler off. */
        public Builder scheduleCheckPeriod(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("the schedule check period cannot be negative");
            }
            this.schedulePeriod = value;
            return this;
        }

        /** How long closing waits for cancelled syncs to commit and end (default 30 seconds). */
        public Builder syncShutdownWait(Duration value) {
            this.syncShutdownWait = Objects.requireNonNull(value, "syncShutdownWait");
            return this;
        }

        /** Adds the routes of one resource. */
        public Builder routes(RouteGroup group) {
            groups.add(Objects.requireNonNull(group, "group"));
            return this;
        }

        /** Adds something to close when the server stops, before the HTTP server itself stops. */
        public Builder onShutdown(AutoCloseable hook) {
            shutdownHooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /**
         * Starts listening.
         *
         * @throws IllegalStateException when the host is not a loopback address and no token is configured
         * @throws IllegalArgumentException when the host cannot be resolved
         * @throws io.javalin.util.JavalinBindException when the port is taken
         */
        public ApiServer start() {
            Optional<String> generated = Optional.empty();
            TokenAuth auth;
            if (tokens.isPresent()) {
                auth = tokens.get();
            } else if (isLoopback(host)) {
                String token = TokenAuth.randomToken();
                generated = Optional.of(token);
                auth = TokenAuth.of(List.of(token));
            } else {
                throw new IllegalStateException("refusing to listen on '" + host + "' without an API token: set "
                        + TokenAuth.TOKEN_VARIABLE + " or give a tokens file, or listen on 127.0.0.1");
            }
            Javalin app = Javalin.create(config -> {
                config.showJavalinBanner = false;
                config.http.maxRequestSize = Math.max(config.http.maxRequestSize, webhookMaxBody);
                config.jsonMapper(new JavalinJackson(json, false));
                config.staticFiles.add(files -> {
                    files.hostedPath = "/";
                    files.directory = CONSOLE_RESOURCES;
                    files.location = Location.CLASSPATH;
                    files.headers = Map.of("Cache-Control", "no-cache");
                });
                config.jetty.modifyServer(server -> server.setStopTimeout(stopTimeout.toMillis()));
            });
            installAuthAndErrors(app, auth);
            ApiRoutes apiRoutes = new ApiRoutes(app);
            new SystemRoutes().register(apiRoutes);
            ProbeRoutes probes = new ProbeRoutes(tributary);
            probes.register(apiRoutes);
            groups.forEach(group -> group.register(apiRoutes));
            List<AutoCloseable> hooks = new ArrayList<>(shutdownHooks);
            PrometheusMeterRegistry meters = meterRegistry.orElseGet(() -> new PrometheusMeterRegistry(
                    PrometheusConfig.DEFAULT));
            hooks.add(new JvmMeters(meters));
            new MetricsRoutes(meters, metricsPublic ? Optional.empty() : Optional.of(auth)).register(apiRoutes);
            tributary.ifPresent(runtime -> serve(runtime, apiRoutes, hooks));
            ApiServer server = new ApiServer(app, apiRoutes.routes(), hooks, generated, host, probes);
            try {
                app.start(host, port);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }

        private void serve(Tributary runtime, ApiRoutes apiRoutes, List<AutoCloseable> hooks) {
            SyncLauncher launcher = new SyncLauncher(clock, syncShutdownWait);
            SourceSyncs syncs = new SourceSyncs(runtime, launcher);
            new ConnectorRoutes(runtime.registry()).register(apiRoutes);
            new DestinationRoutes(runtime.destinations()).register(apiRoutes);
            new SourceRoutes(runtime, syncs, json).register(apiRoutes);
            new RunRoutes(runtime, launcher.runs(), new SseProgress(json)).register(apiRoutes);
            WebhookRateLimit webhookLimit = new WebhookRateLimit(webhookRate, Math.max(2, 2 * webhookRate), clock);
            WebhookRoutes webhooks = new WebhookRoutes(runtime, webhookLimit, webhookMaxBody, json);
            webhooks.register(apiRoutes);
            hooks.add(webhooks);
            hooks.add(launcher);
            if (!schedulePeriod.isZero()) {
                Scheduler scheduler = new Scheduler(syncs, clock);
                hooks.add(scheduler);
                scheduler.startTicking(schedulePeriod);
            }
        }

        private static void installAuthAndErrors(Javalin app, TokenAuth auth) {
            app.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            });
            app.before("/api/*", ctx -> {
                ctx.header("Cache-Control", "no-store");
                if (!auth.accepts(Optional.ofNullable(ctx.header("Authorization")))) {
                    ctx.header("WWW-Authenticate", "Bearer");
                    throw ApiError.unauthorized();
                }
            });
            app.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
            app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage()));
            app.exception(Exception.class, (e, ctx) -> {
                Optional<ApiError> known = RuntimeErrors.translate(e);
                if (known.isPresent()) {
                    ctx.status(known.get().status()).json(known.get().body());
                    return;
                }
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                answer(ctx, 500, "internal error; the server log has the details");
            });
            app.error(404, ctx -> {
                if (ctx.result() == null) {
                    answer(ctx, 404, "nothing is served at " + ctx.path());
                }
            });
        }

        private static void answer(Context ctx, int status, String message) {
            String code = switch (status) {
                case 400 -> "bad_request";
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                default -> status >= 500 ? "internal" : "http_" + status;
            };
            ApiError error = new ApiError(status, code, message, Optional.empty());
            if (ctx.path().startsWith("/api/")) {
                ctx.status(status).json(error.body());
            } else {
                ctx.status(status).contentType("text/plain").result(message);
            }
        }

        private static boolean isLoopback(String host) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve host '" + host + "'", e);
            }
        }
    }
}
