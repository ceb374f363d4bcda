package dev.tributary.runtime.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key, as held in {@code ENCRYPTION_KEY}: 64 hex characters or the base64 of 32 bytes.
 *
 * <p>{@link #id()} is a one-way fingerprint (the first 8 bytes of HMAC-SHA256 of a fixed label under the key) that
 * is stored next to each sealed value, so a wrong key is told apart from a damaged value. {@link #toString()} shows
 * only the id. Immutable and thread-safe.
 */
public final class EncryptionKey {

    /** The key length in bytes. */
    public static final int LENGTH = 32;

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final byte[] ID_LABEL = "tributary key id v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final String id;

    private EncryptionKey(byte[] bytes) {
        this.bytes = bytes.clone();
        this.id = fingerprint(this.bytes);
    }

    /**
     * Parses the value of the environment variable {@code variable}.
     *
     * @param text the variable's value; null or blank when it is unset
     * @throws MissingKeyException when {@code text} is null or blank
     * @throws MalformedKeyException when it is neither 64 hex characters nor base64 of 32 bytes; the message
     *     names the variable and the decoded length, never the text
     */
    public static EncryptionKey parse(String variable, String text) {
        Objects.requireNonNull(variable, "variable");
        if (text == null || text.isBlank()) {
            throw new MissingKeyException(variable);
        }
        String trimmed = text.trim();
        if (HEX.matcher(trimmed).matches()) {
            return new EncryptionKey(HexFormat.of().parseHex(trimmed));
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new MalformedKeyException(variable, "it is " + trimmed.length()
                    + " characters of neither hex nor base64");
        }
        if (decoded.length != LENGTH) {
            throw new MalformedKeyException(variable, "it decodes to " + decoded.length + " bytes instead of "
                    + LENGTH);
        }
        return new EncryptionKey(decoded);
    }

    /** A fresh random key from {@code random}. */
    public static EncryptionKey generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new EncryptionKey(bytes);
    }

    /** The key as 64 lowercase hex characters, for {@code tributary keygen} to print once. Never log it. */
    public Secret toHex() {
        return Secret.of(HexFormat.of().formatHex(bytes));
    }

    /** The key's fingerprint, 16 hex characters; safe to show. */
    public String id() {
        return id;
    }

    SecretKeySpec spec() {
        return new SecretKeySpec(bytes, "AES");
    }

    private static String fingerprint(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(ID_LABEL);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Shows the key id only. */
    @Override
    public String toString() {
        return "EncryptionKey[id=" + id + "]";
    }
}
