package dev.tributary.runtime.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens configuration with AES-256-GCM.
 *
 * <p>Every {@link #seal} draws a fresh random 96-bit nonce and binds the record's id in as associated data, so a
 * sealed value copied to another record does not open. The stored form is
 * {@code v1:<key id>:<base64(nonce ‖ ciphertext ‖ 128-bit tag)>}: the version prefix lets the format evolve and
 * the key id (see {@link EncryptionKey#id()}) tells a wrong key from a damaged value.
 *
 * <p>Thread-safe: a {@link Cipher} is created per call.
 */
public final class AesGcmConfigCipher {

    /** The prefix of values in the current format. */
    public static final String VERSION = "v1";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern STORED = Pattern.compile("([a-z0-9]+):([0-9a-f]{16}):([A-Za-z0-9+/=]+)");

    private final EncryptionKey key;
    private final SecureRandom random;

    /** Seals with {@code key}, drawing nonces from {@code random}. */
    public AesGcmConfigCipher(EncryptionKey key, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Seals with {@code key}, drawing nonces from a new {@link SecureRandom}. */
    public AesGcmConfigCipher(EncryptionKey key) {
        this(key, new SecureRandom());
    }

    /** The key this cipher seals with. */
    public EncryptionKey key() {
        return key;
    }

    /**
     * Encrypts {@code plaintext} for the record {@code recordId}.
     *
     * @return the stored form, {@code v1:<key id>:<base64>}
     */
    public String seal(String plaintext, String recordId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(recordId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + key.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
    }

    /** The id of the key {@code stored} was sealed with, absent when {@code stored} is not in a known format. */
    public static Optional<String> keyIdOf(String stored) {
        Matcher matcher = STORED.matcher(stored);
        return matcher.matches() && matcher.group(1).equals(VERSION)
                ? Optional.of(matcher.group(2)) : Optional.empty();
    }

    /**
     * Decrypts a value produced by {@link #seal} for the same record.
     *
     * @param subject how to name the record in messages, e.g. {@code "data source 'crm'"}
     * @throws WrongKeyException when the value names another key
     * @throws TamperedValueException when the format is broken or the authentication tag fails under this key
     *     (bytes altered, or the value belongs to another record)
     */
    public String open(String stored, String recordId, String subject) {
        Matcher matcher = STORED.matcher(stored);
        if (!matcher.matches()) {
            throw new TamperedValueException(subject, "not in the format version:keyid:base64");
        }
        if (!matcher.group(1).equals(VERSION)) {
            throw new TamperedValueException(subject, "unknown format version '" + matcher.group(1)
                    + "'; a newer Tributary may have written it");
        }
        if (!matcher.group(2).equals(key.id())) {
            throw new WrongKeyException(subject, matcher.group(2), key.id());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(matcher.group(3));
        } catch (IllegalArgumentException e) {
            throw new TamperedValueException(subject, "invalid base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new TamperedValueException(subject, "too short to hold a nonce and a tag");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(recordId.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new TamperedValueException(subject, "authentication tag mismatch: the bytes were changed or the"
                    + " value belongs to another record");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
    }
}
