package dev.tributary.testkit.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.webhook.EntityChange;
import dev.tributary.spi.webhook.WebhookEvent;
import dev.tributary.spi.webhook.WebhookOutcome;
import dev.tributary.spi.webhook.WebhookReceiver;
import dev.tributary.spi.webhook.WebhookRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An example connector whose source signs webhook deliveries with {@code x-signature} = hex HMAC-SHA256 of the body,
 * keyed with the {@code secret} config field; events are {@code {"id", "type", "time", "item"}}, and
 * {@code item.changed} upserts the item. Correct by default, with one deliberate fault per {@link Fault}, so that
 * the webhook contract's self-test can show each check failing.
 */
public class SignedItemsConnector extends BaseConnector {

    /** A deliberate mistake. */
    public enum Fault { NONE, ACCEPTS_ANY_SIGNATURE, SHOWS_SECRET_IN_REASON }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Fault fault;

    public SignedItemsConnector(Fault fault) {
        this.fault = fault;
    }

    /** The signature header value for a body. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("signed_items").name("Signed items").version("1.0.0")
                .supportedEntities(List.of(EntityDescriptor.of("items")))
                .configFields(ConfigField.builder("secret", ConfigFieldType.STRING).secret().build()).build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("offline");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
    }

    @Override
    public Optional<WebhookReceiver> webhookReceiver() {
        return config().getString("secret").map(secret -> request -> receive(secret, request));
    }

    private WebhookOutcome receive(String secret, WebhookRequest request) {
        Optional<String> signature = request.header("x-signature");
        boolean valid = signature.isPresent() && MessageDigest.isEqual(
                sign(secret, request.body()).getBytes(StandardCharsets.UTF_8),
                signature.get().getBytes(StandardCharsets.UTF_8));
        if (!valid && fault != Fault.ACCEPTS_ANY_SIGNATURE) {
            return WebhookOutcome.refused(fault == Fault.SHOWS_SECRET_IN_REASON
                    ? "signature does not match the secret " + secret : "signature does not match");
        }
        Map<?, ?> event;
        try {
            event = JSON.readValue(request.body(), Map.class);
        } catch (IOException e) {
            return WebhookOutcome.refused("body is not JSON");
        }
        if (!"item.changed".equals(event.get("type"))) {
            return WebhookOutcome.ignored("event type " + event.get("type") + " is not synced");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) event.get("item");
        return WebhookOutcome.accepted(new WebhookEvent((String) event.get("id"), "item.changed",
                Instant.parse((String) event.get("time")), List.of(EntityChange.upsert("items", item))));
    }
}
