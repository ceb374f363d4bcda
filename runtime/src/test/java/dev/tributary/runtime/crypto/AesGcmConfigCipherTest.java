package dev.tributary.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmConfigCipherTest {

    private static final String CANARY = "{\"api_key\":\"sk_live_CANARY_4b1d\"}";

    private final EncryptionKey key = EncryptionKey.generate(new SecureRandom());
    private final AesGcmConfigCipher cipher = new AesGcmConfigCipher(key);

    @Test
    void roundTripsThroughTheVersionedStoredForm() {
        String sealed = cipher.seal(CANARY, "id-1");

        assertThat(sealed).startsWith("v1:" + key.id() + ":").doesNotContain("CANARY");
        assertThat(cipher.open(sealed, "id-1", "data source 'crm'")).isEqualTo(CANARY);
    }

    @Test
    void drawsAFreshNonceForEveryWrite() {
        assertThat(cipher.seal(CANARY, "id-1")).isNotEqualTo(cipher.seal(CANARY, "id-1"));
    }

    @Test
    void refusesAValueSealedWithAnotherKeyNamingBothKeyIds() {
        String sealed = cipher.seal(CANARY, "id-1");
        AesGcmConfigCipher other = new AesGcmConfigCipher(EncryptionKey.generate(new SecureRandom()));

        assertThatThrownBy(() -> other.open(sealed, "id-1", "data source 'crm'"))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("data source 'crm'")
                .hasMessageContaining(key.id())
                .hasMessageContaining(other.key().id())
                .hasMessageNotContaining("CANARY");
    }

    @Test
    void detectsAFlippedCiphertextBit() {
        String sealed = cipher.seal(CANARY, "id-1");
        String prefix = sealed.substring(0, sealed.lastIndexOf(':') + 1);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(prefix.length()));
        bytes[bytes.length / 2] ^= 0x01;
        String tampered = prefix + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.open(tampered, "id-1", "data source 'crm'"))
                .isInstanceOf(TamperedValueException.class)
                .hasMessageContaining("authentication tag mismatch");
    }

    @Test
    void refusesAValueMovedToAnotherRecordBecauseTheIdIsAssociatedData() {
        String sealedForOne = cipher.seal(CANARY, "id-1");

        assertThatThrownBy(() -> cipher.open(sealedForOne, "id-2", "data source 'billing'"))
                .isInstanceOf(TamperedValueException.class)
                .hasMessageContaining("data source 'billing'")
                .hasMessageContaining("belongs to another record");
    }

    @Test
    void refusesBrokenFormatsAndUnknownVersions() {
        String sealed = cipher.seal(CANARY, "id-1");

        assertThatThrownBy(() -> cipher.open("plain text", "id-1", "x"))
                .isInstanceOf(TamperedValueException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> cipher.open("v9" + sealed.substring(2), "id-1", "x"))
                .isInstanceOf(TamperedValueException.class).hasMessageContaining("unknown format version 'v9'");
        assertThatThrownBy(() -> cipher.open("v1:" + key.id() + ":AAAA", "id-1", "x"))
                .isInstanceOf(TamperedValueException.class).hasMessageContaining("too short");
    }

    @Test
    void readsTheKeyIdOfAStoredValue() {
        assertThat(AesGcmConfigCipher.keyIdOf(cipher.seal(CANARY, "id-1"))).contains(key.id());
        assertThat(AesGcmConfigCipher.keyIdOf("garbage")).isEmpty();
    }
}
