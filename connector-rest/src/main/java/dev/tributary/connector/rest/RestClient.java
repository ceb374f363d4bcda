package dev.tributary.connector.rest;

import dev.tributary.connector.http.JsonHttpClient;
import dev.tributary.connector.http.JsonResponse;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.HttpUrl;

/**
 * Sends a resource's requests through the shared {@link JsonHttpClient} (rate limiter, Retry-After, 429/5xx mapping)
 * with the configured authentication. OAuth2 tokens are fetched on first use, renewed before they expire, and once
 * more when the API answers 401. URLs to follow (next links) must stay on the base URL's host, so credentials never
 * go elsewhere. Thread-safe.
 */
final class RestClient implements AutoCloseable {

    private final JsonHttpClient http;
    private final RestConfig config;
    private final OAuth2Tokens tokens;

    private RestClient(JsonHttpClient http, RestConfig config, OAuth2Tokens tokens) {
        this.http = http;
        this.config = config;
        this.tokens = tokens;
    }

    static RestClient create(RestConfig config, Duration timeout, RateLimiter limiter, Clock clock) {
        JsonHttpClient.Builder builder = JsonHttpClient.builder(config.baseUrl()).userAgent("tributary-rest/"
                + RestConnector.VERSION).requestTimeout(timeout).rateLimiter(limiter);
        config.headers().forEach(builder::header);
        if (config.auth() instanceof Auth.Bearer bearer) {
            builder.bearerToken(bearer.token());
        } else if (config.auth() instanceof Auth.Basic basic) {
            builder.basicAuth(basic.username(), basic.password());
        } else if (config.auth() instanceof Auth.ApiKey key && !key.inQuery()) {
            builder.header(key.name(), key.value());
        }
        JsonHttpClient http = builder.build();
        OAuth2Tokens tokens = config.auth() instanceof Auth.OAuth2 oauth ? new OAuth2Tokens(oauth, clock) : null;
        return new RestClient(http, config, tokens);
    }

    /** A client for one entity run (its rate limiter and cancellation), sharing connections and tokens. */
    RestClient forFetch(FetchOptions options) {
        return new RestClient(http.forFetch(options), config, tokens);
    }

    /**
     * Requests one page.
     *
     * @param target a path relative to the base URL, or an absolute URL (a followed next link) on the base host
     * @param params query parameters (GET) or JSON body fields (POST)
     */
    Page request(Resource resource, String target, Map<String, Object> params, boolean followed) {
        HttpUrl base = http.baseUrl();
        HttpUrl url = followed ? HttpUrl.parse(target) : base.resolve(target.startsWith("/") ? target.substring(1)
                : target);
        if (url == null) {
            throw new PermanentException("resource '" + resource.name() + "': cannot build a URL from its path");
        }
        if (followed && !url.host().equalsIgnoreCase(base.host())) {
            throw new PermanentException("resource '" + resource.name() + "': the next page is on host '"
                    + url.host() + "', not the base URL's '" + base.host() + "'; credentials are only sent to the "
                    + "base URL's host, so the sync stops here (check base_url)");
        }
        HttpUrl.Builder builder = url.newBuilder();
        if (!followed) {
            resource.params().forEach(builder::addQueryParameter);
        }
        Map<String, Object> body = new LinkedHashMap<>(resource.body());
        if (resource.method().equals("GET")) {
            params.forEach((name, value) -> builder.setQueryParameter(name, String.valueOf(value)));
        } else {
            body.putAll(params);
        }
        if (config.auth() instanceof Auth.ApiKey key && key.inQuery()) {
            builder.setQueryParameter(key.name(), key.value());
        }
        HttpUrl full = builder.build();
        JsonResponse response;
        try {
            response = send(resource, full, body, false);
        } catch (AuthenticationException e) {
            if (tokens == null) {
                throw e;
            }
            response = send(resource, full, body, true);
        }
        return new Page(full, response.headers(), response.body(), ResourceRecords.of(resource, response));
    }

    private JsonResponse send(Resource resource, HttpUrl url, Map<String, Object> body, boolean renewToken) {
        JsonHttpClient client = tokens == null ? http
                : http.withHeader("Authorization", "Bearer " + tokens.token(http, renewToken));
        return resource.method().equals("GET") ? client.get(url.toString(), Map.of())
                : client.postJson(url.toString(), body);
    }

    @Override
    public void close() {
        http.close();
    }

    /** Fetches and caches OAuth2 client-credentials tokens. Thread-safe. */
    static final class OAuth2Tokens {
        private final Auth.OAuth2 auth;
        private final Clock clock;
        private String token;
        private Instant renewAt = Instant.MIN;

        OAuth2Tokens(Auth.OAuth2 auth, Clock clock) {
            this.auth = auth;
            this.clock = clock;
        }

        /** A valid token, fetched when none is held, when it is about to expire, or when {@code renew}. */
        synchronized String token(JsonHttpClient http, boolean renew) {
            Instant now = clock.instant();
            if (token == null || renew || !now.isBefore(renewAt)) {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("grant_type", "client_credentials");
                auth.scopes().ifPresent(scopes -> form.put("scope", scopes));
                JsonResponse response = http.withHeader("Authorization", Credentials.basic(auth.clientId(),
                        auth.clientSecret())).postForm(auth.tokenUrl(), form);
                Object value = response.object().get("access_token");
                if (!(value instanceof String text) || text.isBlank()) {
                    throw new AuthenticationException("the OAuth2 token endpoint answered without an access_token;"
                            + " check auth.token_url, client_id and client_secret");
                }
                long expiresIn = response.object().get("expires_in") instanceof Number number ? number.longValue()
                        : 3600;
                token = text;
                renewAt = now.plusSeconds(Math.max(0, expiresIn - auth.refreshBeforeSeconds()));
            }
            return token;
        }
    }
}
