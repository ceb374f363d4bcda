package dev.tributary.runtime.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.WebhookDay;
import dev.tributary.runtime.webhook.WebhookActivity;
import dev.tributary.runtime.webhook.WebhookReceipt;
import dev.tributary.spi.webhook.WebhookRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/{source}}: deliveries from the sources themselves, outside {@code /api/} and without a
 * bearer token (the source's signature, checked by the connector, is the authentication). The event is applied to
 * the tables before the answer: 200 once committed (or when it was applied before, or changes nothing), 400 when
 * the signature is forged, missing or stale or the body unreadable, 404 for an unknown source or one that takes no
 * webhooks, 413 for a body over the limit, 429 over the per-source rate, 500 when it could not be applied (the
 * source retries). Error answers are one short word or phrase that helps no attacker; the log has the reason.
 *
 * <p>And, token required, {@code GET /api/sources/{name}/webhooks}: the URL path to register, how to register it,
 * and the activity from the run history (totals and the last {@value #HISTORY_DAYS} days with deliveries); {@code GET /api/sources/{name}/webhooks/events}: each delivery as a
 * server-sent event. Thread-safe.
 */
final class WebhookRoutes implements RouteGroup, AutoCloseable {

    /** How many days of webhook activity the set-up answer lists. */
    static final int HISTORY_DAYS = 30;

    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.webhooks");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final Tributary tributary;
    private final WebhookRateLimit rateLimit;
    private final int maxBodyBytes;
    private final ObjectMapper json;
    /** The queues of the open event streams; an empty value ends a stream. */
    private final Set<BlockingQueue<Optional<WebhookReceipt>>> streams = ConcurrentHashMap.newKeySet();

    WebhookRoutes(Tributary tributary, WebhookRateLimit rateLimit, int maxBodyBytes, ObjectMapper json) {
        this.json = Objects.requireNonNull(json, "json");
        this.tributary = Objects.requireNonNull(tributary, "tributary");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The path a source's deliveries are posted to. */
    static String path(String source) {
        return "/webhooks/" + source;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.postOutsideApi("/webhooks/{source}", this::deliver);
        routes.get("/api/sources/{name}/webhooks", this::describe);
        routes.get("/api/sources/{name}/webhooks/events", this::stream);
    }

    /**
     * Streams the source's deliveries as server-sent events, one {@code webhook} event per delivery after it was
     * handled ({@code status}, {@code event}, {@code type}, {@code eventTime}, {@code upserted}, {@code deleted},
     * {@code skipped}), with keep-alive comments, until the client goes away.
     */
    private void stream(Context ctx) throws IOException {
        String name = tributary.source(ctx.pathParam("name")).name();
        BlockingQueue<Optional<WebhookReceipt>> receipts = new LinkedBlockingQueue<>(1_000);
        Consumer<WebhookReceipt> listener = receipt -> {
            if (receipt.source().equals(name)) {
                receipts.offer(Optional.of(receipt));
            }
        };
        streams.add(receipts);
        tributary.addWebhookListener(listener);
        try {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream");
            ctx.res().setCharacterEncoding("UTF-8");
            ctx.res().setHeader("Cache-Control", "no-store");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            out.write(": webhooks of this source\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                Optional<WebhookReceipt> next = receipts.poll(SseProgress.KEEP_ALIVE.toMillis(),
                        TimeUnit.MILLISECONDS);
                if (next != null && next.isEmpty()) {
                    return;
                }
                String text = next == null ? ": keep-alive\n\n"
                        : "event: webhook\ndata: " + json.writeValueAsString(receiptJson(next.get())) + "\n\n";
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tributary.removeWebhookListener(listener);
            streams.remove(receipts);
        }
    }

    /** Ends every open event stream, so the server can stop. */
    @Override
    public void close() {
        streams.forEach(queue -> queue.offer(Optional.empty()));
    }

    private static Map<String, Object> receiptJson(WebhookReceipt receipt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", receipt.status().name().toLowerCase(Locale.ROOT));
        json.put("event", receipt.eventId().orElse(null));
        json.put("type", receipt.eventType().orElse(null));
        json.put("eventTime", receipt.eventTime().map(Object::toString).orElse(null));
        json.put("upserted", receipt.upserted());
        json.put("deleted", receipt.deleted());
        json.put("skipped", receipt.skipped());
        return json;
    }

    private void deliver(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        String source = ctx.pathParam("source");
        if (!NAME.matcher(source).matches()) {
            answer(ctx, 404, "not found");
            return;
        }
        if (!rateLimit.tryAcquire(source)) {
            LOG.warn("webhook for {} refused: over the rate limit", source);
            ctx.header("Retry-After", "1");
            answer(ctx, 429, "too many requests");
            return;
        }
        long declared = ctx.contentLength();
        if (declared > maxBodyBytes) {
            LOG.warn("webhook for {} refused: body of {} bytes over the limit of {}", source, declared, maxBodyBytes);
            answer(ctx, 413, "payload too large");
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxBodyBytes) {
            LOG.warn("webhook for {} refused: body of {} bytes over the limit of {}", source, body.length,
                    maxBodyBytes);
            answer(ctx, 413, "payload too large");
            return;
        }
        WebhookReceipt receipt;
        try {
            receipt = tributary.receiveWebhook(source, new WebhookRequest(ctx.method().name(), ctx.path(),
                    headers(ctx), body));
        } catch (RuntimeException e) {
            LOG.error("webhook for {} could not be applied; the source will retry: {}", source, e.getMessage());
            answer(ctx, 500, "internal error");
            return;
        }
        switch (receipt.status()) {
            case NOT_FOUND -> answer(ctx, 404, "not found");
            case REFUSED -> answer(ctx, 400, "bad request");
            default -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("status", receipt.status().name().toLowerCase(Locale.ROOT));
                receipt.eventId().ifPresent(id -> answer.put("event", id));
                ctx.status(200).json(answer);
            }
        }
    }

    private void describe(Context ctx) {
        DataSource source = tributary.source(ctx.pathParam("name"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source.name());
        body.put("path", path(source.name()));
        body.put("enabled", false);
        try {
            tributary.webhookRegistrationHint(source.name()).ifPresent(hint -> {
                body.put("enabled", true);
                body.put("howToRegister", hint);
            });
        } catch (RuntimeException e) {
            // A plugin call: a connector that cannot be initialised takes no webhooks; test and sync say why.
            LOG.warn("webhooks of {} unknown: its connector cannot be initialised: {}", source.name(),
                    e.getMessage());
        }
        body.put("activity", activity(tributary.webhookActivity(source.name())));
        body.put("days", tributary.webhookDays(source.name(), HISTORY_DAYS).stream().map(WebhookRoutes::day)
                .toList());
        ctx.json(body);
    }

    /** The activity as JSON: counts, and times as ISO-8601 text or null. */
    static Map<String, Object> activity(WebhookActivity activity) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("applied", activity.applied());
        json.put("duplicates", activity.duplicates());
        json.put("ignored", activity.ignored());
        json.put("refused", activity.refused());
        json.put("lastEventTime", activity.lastEventTime().map(Object::toString).orElse(null));
        json.put("lastReceivedAt", activity.lastReceivedAt().map(Object::toString).orElse(null));
        return json;
    }

    private static Map<String, Object> day(WebhookDay day) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("day", day.day().toString());
        json.put("applied", day.applied());
        json.put("duplicates", day.duplicates());
        json.put("ignored", day.ignored());
        json.put("refused", day.refused());
        json.put("lastEventTime", day.lastEventTime().map(Object::toString).orElse(null));
        json.put("lastReceivedAt", day.lastReceivedAt().toString());
        return json;
    }

    private static Map<String, List<String>> headers(Context ctx) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
        }
        return headers;
    }

    private static void answer(Context ctx, int status, String text) {
        ctx.status(status).contentType("text/plain").result(text);
    }
}
