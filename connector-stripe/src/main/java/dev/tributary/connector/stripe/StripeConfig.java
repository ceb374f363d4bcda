package dev.tributary.connector.stripe;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.error.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * The checked configuration of one Stripe data source. {@link #toString()} never shows the key.
 *
 * @param apiKey a secret ({@code sk_}) or restricted ({@code rk_}) key
 * @param apiBase the API base URL without a trailing slash, e.g. {@code https://api.stripe.com}
 * @param stripeAccount the connected account to act for ({@code Stripe-Account} header), if any
 * @param webhookSecret the webhook endpoint's signing secret ({@code whsec_...}), when webhooks are taken
 */
record StripeConfig(String apiKey, String apiBase, Optional<String> stripeAccount, Optional<String> webhookSecret) {

    static final String API_KEY = "api_key";
    static final String API_BASE_URL = "api_base_url";
    static final String STRIPE_ACCOUNT = "stripe_account";
    static final String WEBHOOK_SECRET = "webhook_secret";
    static final String DEFAULT_API_BASE = "https://api.stripe.com";

    StripeConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(stripeAccount, "stripeAccount");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
    }

    /**
     * Reads and checks the data source's configuration.
     *
     * @throws InvalidConfigException naming the field at fault, never showing its value
     */
    static StripeConfig from(Config config) {
        String key = config.requireString(API_KEY).trim();
        if (key.startsWith("pk_")) {
            throw new InvalidConfigException(API_KEY, "is a publishable key (pk_...); use a secret key (sk_...) or a "
                    + "restricted key (rk_...) from the Stripe Dashboard, Developers > API keys");
        }
        if (!key.startsWith("sk_") && !key.startsWith("rk_")) {
            throw new InvalidConfigException(API_KEY, "must be a secret key (sk_...) or a restricted key (rk_...) "
                    + "from the Stripe Dashboard, Developers > API keys");
        }
        if (key.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidConfigException(API_KEY, "must not contain spaces");
        }
        String base = config.getString(API_BASE_URL).map(String::trim).filter(s -> !s.isEmpty())
                .map(StripeConfig::checkBase).orElse(DEFAULT_API_BASE);
        Optional<String> account = config.getString(STRIPE_ACCOUNT).map(String::trim).filter(s -> !s.isEmpty());
        if (account.isPresent() && !account.get().startsWith("acct_")) {
            throw new InvalidConfigException(STRIPE_ACCOUNT, "must be a connected account id starting with acct_");
        }
        Optional<String> webhookSecret = config.getString(WEBHOOK_SECRET).map(String::trim)
                .filter(s -> !s.isEmpty());
        if (webhookSecret.isPresent() && (!webhookSecret.get().startsWith("whsec_")
                || webhookSecret.get().chars().anyMatch(Character::isWhitespace))) {
            throw new InvalidConfigException(WEBHOOK_SECRET, "must be a webhook signing secret (whsec_...) from the "
                    + "Stripe Dashboard, Developers > Webhooks > your endpoint > Signing secret");
        }
        return new StripeConfig(key, base, account, webhookSecret);
    }

    private static String checkBase(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(API_BASE_URL, "is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new InvalidConfigException(API_BASE_URL,
                    "must be an absolute http or https URL such as " + DEFAULT_API_BASE);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidConfigException(API_BASE_URL, "must not have a query or fragment");
        }
        String withoutSlash = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        if (withoutSlash.endsWith("/v1")) {
            throw new InvalidConfigException(API_BASE_URL, "must not end with /v1; give the base, e.g. "
                    + DEFAULT_API_BASE);
        }
        return withoutSlash;
    }

    /** Whether the key is a live secret or restricted key ({@code sk_live_...}, {@code rk_live_...}). */
    boolean liveKey() {
        return apiKey.startsWith("sk_live_") || apiKey.startsWith("rk_live_");
    }

    /** {@code test} or {@code live}, as the key says, or {@code unknown}. */
    String mode() {
        return apiKey.contains("_test_") ? "test" : apiKey.contains("_live_") ? "live" : "unknown";
    }

    @Override
    public String toString() {
        return "StripeConfig[apiKey=" + Config.REDACTED + ", apiBase=" + apiBase + ", stripeAccount="
                + stripeAccount.orElse("-") + ", webhookSecret=" + webhookSecret.map(s -> Config.REDACTED).orElse("-")
                + "]";
    }
}
