package dev.tributary.connector.stripe;

import dev.tributary.spi.webhook.WebhookRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe webhook deliveries built from the fixtures' objects and signed the way Stripe signs them. */
final class StripeDeliveries {

    static final String SECRET = "whsec_CanaryWebhookSecret0000";

    private StripeDeliveries() {
    }

    /** A fixture object's JSON text, e.g. {@code customer}. */
    static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/fixtures/stripe/" + name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of an event of {@code type} created at {@code created} carrying {@code objectJson}. */
    static String event(String id, String type, Instant created, String objectJson) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2024-06-20\",\"created\":"
                + created.getEpochSecond() + ",\"data\":{\"object\":" + objectJson + "},\"livemode\":false,"
                + "\"pending_webhooks\":1,\"request\":{\"id\":null,\"idempotency_key\":null},\"type\":\"" + type
                + "\"}";
    }

    /** {@code t=...,v1=...} for the body, signed with each secret at {@code timestamp}. */
    static String signatureHeader(String body, Instant timestamp, String... secrets) {
        StringBuilder header = new StringBuilder("t=").append(timestamp.getEpochSecond());
        for (String secret : secrets) {
            header.append(",v1=").append(hmac(secret, timestamp.getEpochSecond() + "." + body));
        }
        return header.toString();
    }

    /** A delivery of {@code body} signed with the secrets at {@code timestamp}. */
    static WebhookRequest delivery(String body, Instant timestamp, String... secrets) {
        return new WebhookRequest("POST", "/webhooks/billing",
                Map.of("Stripe-Signature", List.of(signatureHeader(body, timestamp, secrets)),
                        "Content-Type", List.of("application/json; charset=utf-8")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
