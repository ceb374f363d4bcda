package dev.tributary.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Tells whether a configuration field's name suggests a credential: one of its words (split at {@code _} and at
 * camel-case humps) is, or ends with, {@code key}, {@code token}, {@code password} or {@code secret}; so
 * {@code api_key}, {@code apiKey}, {@code accessToken}, {@code client_secret} and {@code apikey} do, {@code url}
 * and {@code keyword} do not.
 */
final class SecretNames {

    private static final Set<String> WORDS = Set.of("key", "token", "password", "secret", "passwd");

    private SecretNames() {
    }

    static boolean looksSecret(String fieldName) {
        return Arrays.stream(fieldName.split("_|(?<=[a-z0-9])(?=[A-Z])"))
                .map(word -> word.toLowerCase(Locale.ROOT))
                .anyMatch(word -> WORDS.stream().anyMatch(word::endsWith));
    }
}
