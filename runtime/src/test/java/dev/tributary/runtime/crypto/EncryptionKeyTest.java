package dev.tributary.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionKeyTest {

    private static final String HEX_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void acceptsHexAndBase64OfTheSameBytesAsTheSameKey() {
        String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(HEX_KEY));

        assertThat(EncryptionKey.parse("ENCRYPTION_KEY", HEX_KEY).id())
                .isEqualTo(EncryptionKey.parse("ENCRYPTION_KEY", " " + base64 + "\n").id())
                .hasSize(16);
    }

    @Test
    void reportsAMissingKeyByVariableName() {
        assertThatThrownBy(() -> new EnvironmentKeys(name -> null).current())
                .isInstanceOf(MissingKeyException.class)
                .hasMessageStartingWith("ENCRYPTION_KEY is not set")
                .hasMessageContaining("tributary keygen");
        assertThatThrownBy(() -> new EnvironmentKeys(name -> "  ").previous())
                .isInstanceOf(MissingKeyException.class)
                .hasMessageStartingWith("ENCRYPTION_KEY_PREVIOUS is not set");
    }

    @Test
    void reportsAMalformedKeyWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> EncryptionKey.parse("ENCRYPTION_KEY", shortKey))
                .isInstanceOf(MalformedKeyException.class)
                .hasMessageContaining("decodes to 16 bytes instead of 32")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> EncryptionKey.parse("ENCRYPTION_KEY", "not-a-key-CANARY!"))
                .isInstanceOf(MalformedKeyException.class)
                .hasMessageContaining("neither hex nor base64")
                .hasMessageNotContaining("CANARY");
    }

    @Test
    void generatesKeysThatParseBackAndNeverPrintThemselves() {
        EncryptionKey key = EncryptionKey.generate(new SecureRandom());
        String hex = key.toHex().reveal();

        assertThat(hex).matches("[0-9a-f]{64}");
        assertThat(EncryptionKey.parse("ENCRYPTION_KEY", hex).id()).isEqualTo(key.id());
        assertThat(key.toString()).isEqualTo("EncryptionKey[id=" + key.id() + "]").doesNotContain(hex);
        assertThat(key.toHex().toString()).isEqualTo("***");
        assertThat(Map.of("k", Secret.of("CANARY")).toString()).doesNotContain("CANARY");
    }
}
