package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretNamesTest {

    @ParameterizedTest(name = "{0} looks secret: {1}")
    @CsvSource({
        "api_key, true", "apiKey, true", "apikey, true", "accessToken, true", "refresh_token, true",
        "password, true", "client_secret, true", "db_passwd, true",
        "base_url, false", "keyword, false", "records, false", "tokenizer, false", "seed, false"
    })
    void tellsCredentialNamesFromOthers(String name, boolean secret) {
        assertThat(SecretNames.looksSecret(name)).isEqualTo(secret);
    }
}
