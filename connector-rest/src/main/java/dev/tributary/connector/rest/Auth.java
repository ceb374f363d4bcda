package dev.tributary.connector.rest;

import java.util.List;
import java.util.Optional;

/**
 * How requests authenticate; every credential comes from the secret {@code auth} config field and is never printed
 * ({@link #toString()} shows the type only).
 */
sealed interface Auth {

    /** The type names accepted in {@code auth.type}. */
    List<String> TYPES = List.of("none", "bearer", "basic", "api_key", "oauth2_client_credentials");

    /** No authentication. */
    record None() implements Auth {
    }

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(String token) implements Auth {
        @Override
        public String toString() {
            return "Bearer[token=********]";
        }
    }

    /** {@code Authorization: Basic base64(username:password)}. */
    record Basic(String username, String password) implements Auth {
        @Override
        public String toString() {
            return "Basic[username=********, password=********]";
        }
    }

    /** An API key sent as header {@code name}, or as query parameter {@code name} when {@code inQuery}. */
    record ApiKey(String name, String value, boolean inQuery) implements Auth {
        @Override
        public String toString() {
            return "ApiKey[name=" + name + ", in=" + (inQuery ? "query" : "header") + ", value=********]";
        }
    }

    /**
     * OAuth2 client credentials: a token from {@code tokenUrl}, renewed {@code refreshBeforeSeconds} before it
     * expires, and once more when the API answers 401.
     */
    record OAuth2(String tokenUrl, String clientId, String clientSecret, Optional<String> scopes,
            long refreshBeforeSeconds) implements Auth {
        @Override
        public String toString() {
            return "OAuth2[tokenUrl=" + tokenUrl + ", clientId=********, clientSecret=********]";
        }
    }
}
