package dev.tributary.connector.stripe;

import com.stripe.exception.ApiConnectionException;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.ConnectorException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import dev.tributary.spi.ratelimit.RequestBudget;
import dev.tributary.spi.webhook.WebhookReceiver;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Syncs Stripe customers, subscriptions (every status), charges, invoices, products, plans and prices, each record
 * exactly as Stripe's API returned it. Incremental runs pick up new objects with {@code created[gte]} and changes
 * and deletions of older ones from the Events API; see {@code docs/stripe.md}.
 *
 * <p>Configuration: {@code api_key} (secret, {@code sk_...} or {@code rk_...}), {@code api_base_url} (optional,
 * default {@code https://api.stripe.com}), {@code stripe_account} (optional, a Connect account id).
 *
 * <p>Thread-safe after {@link #initialize}: {@link #fetchEntity} may run for several entities at once.
 */
public final class StripeConnector extends BaseConnector {

    /** The connector id; prefixes table names ({@code stripe_customers}). */
    public static final String ID = "stripe";
    private static final String VERSION = "0.1.0";
    /** The live-key budget: Stripe's 100 requests/s less 20% headroom. */
    static final double LIVE_REQUESTS_PER_SECOND = 80;
    /** The test-key budget: Stripe's 25 requests/s less 20% headroom. */
    static final double TEST_REQUESTS_PER_SECOND = 20;

    private static final ConnectorMetadata METADATA = ConnectorMetadata.builder(ID)
            .name("Stripe")
            .version(VERSION)
            .description("Customers, subscriptions, charges, invoices, products, plans and prices from the Stripe "
                    + "API, with incremental sync of new, updated and deleted objects through Stripe's events.")
            .supportedEntities(Arrays.stream(StripeEntity.values()).map(StripeEntity::descriptor).toList())
            .configFields(
                    ConfigField.builder(StripeConfig.API_KEY, ConfigFieldType.STRING)
                            .label("API key").required().secret()
                            .help("A secret key (sk_live_..., sk_test_...) or a restricted key (rk_...) with read "
                                    + "access, from the Stripe Dashboard under Developers > API keys.")
                            .build(),
                    ConfigField.builder(StripeConfig.API_BASE_URL, ConfigFieldType.URL)
                            .label("API base URL")
                            .help("Where the Stripe API is; leave empty for " + StripeConfig.DEFAULT_API_BASE
                                    + ". Set it to reach a proxy or a Stripe-compatible test server.")
                            .build(),
                    ConfigField.builder(StripeConfig.STRIPE_ACCOUNT, ConfigFieldType.STRING)
                            .label("Connected account")
                            .help("A Stripe Connect account id (acct_...) to read that account's data with the "
                                    + "platform's key; leave empty for the key's own account.")
                            .build(),
                    ConfigField.builder(StripeConfig.WEBHOOK_SECRET, ConfigFieldType.STRING)
                            .label("Webhook signing secret").secret()
                            .help("The signing secret (whsec_...) of a webhook endpoint pointing at this data "
                                    + "source's URL (POST /webhooks/<source>), from the Stripe Dashboard under "
                                    + "Developers > Webhooks; set it to apply changes as they happen.")
                            .build())
            .icon("icon.svg")
            .build();

    private final Clock clock;
    private volatile StripeConfig stripeConfig;

    /** Creates the connector, as the runtime's {@link java.util.ServiceLoader} does. No I/O. */
    public StripeConnector() {
        this(Clock.systemUTC());
    }

    /** Creates the connector with the clock that decides whether a saved event position has expired. */
    StripeConnector(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return METADATA;
    }

    /**
     * Checks the configuration.
     *
     * @throws dev.tributary.spi.error.InvalidConfigException naming {@code api_key}, {@code api_base_url} or
     *     {@code stripe_account}, never showing the key
     */
    @Override
    protected void onInitialize() {
        stripeConfig = StripeConfig.from(config());
    }

    /**
     * Stripe's allowance with headroom: 80 requests/s for live keys ({@code sk_live_}, {@code rk_live_}; Stripe
     * allows 100 in live mode), 20 for test keys and keys whose mode cannot be told (test mode allows 25).
     */
    @Override
    public Optional<RequestBudget> defaultRequestBudget() {
        return Optional.of(config(stripeConfig).liveKey()
                ? new RequestBudget(LIVE_REQUESTS_PER_SECOND, 1, "Stripe live mode allows 100 requests/s")
                : new RequestBudget(TEST_REQUESTS_PER_SECOND, 1, "Stripe test mode allows 25 requests/s"));
    }

    /** Webhooks when {@code webhook_secret} is set: see {@link StripeWebhooks}. */
    @Override
    public Optional<WebhookReceiver> webhookReceiver() {
        return config(stripeConfig).webhookSecret().map(secret -> new StripeWebhooks(secret, clock));
    }

    /** Lists one customer: cheap, authenticated, and proof that the key can read. Never throws. */
    @Override
    public ConnectionTestResult testConnection() {
        try {
            StripeConfig current = config(stripeConfig);
            new StripeApi(current, context().rateLimiter(), settings().requestTimeout(), clock)
                    .list(Query.of("/v1/customers").with("limit", 1));
            return ConnectionTestResult.success("Stripe accepted the API key (" + current.mode() + " mode"
                    + current.stripeAccount().map(account -> ", connected account " + account).orElse("") + ")");
        } catch (AuthenticationException e) {
            return ConnectionTestResult.failure("authentication failed: " + e.getMessage());
        } catch (RateLimitedException e) {
            return ConnectionTestResult.failure("rate limited by Stripe, try again shortly: " + e.getMessage());
        } catch (TransientException e) {
            boolean network = e.getCause() instanceof ApiConnectionException;
            return ConnectionTestResult.failure((network ? "network problem, could not reach Stripe: "
                    : "Stripe is unavailable: ") + e.getMessage());
        } catch (ConnectorException e) {
            return ConnectionTestResult.failure("Stripe request failed: " + e.getMessage());
        } catch (RuntimeException e) {
            return ConnectionTestResult.failure("connection test failed: " + e.getClass().getSimpleName() + ": "
                    + StripeError.mask(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Fetches one entity; see {@link EntityFetch} for the walk and {@code docs/stripe.md} for the states.
     *
     * @throws PermanentException for an entity this connector does not have
     */
    @Override
    public void fetchEntity(FetchOptions options) {
        StripeEntity entity = StripeEntity.named(options.entity()).orElseThrow(() -> new PermanentException(
                "the Stripe connector has no entity '" + options.entity() + "'; it has "
                        + Arrays.stream(StripeEntity.values()).map(StripeEntity::entityName)
                                .collect(Collectors.joining(", "))));
        StripeApi api = new StripeApi(config(stripeConfig), options.rateLimiter(), settings().requestTimeout(),
                clock);
        new EntityFetch(entity, api, options, clock).run();
    }

    private StripeConfig config(StripeConfig current) {
        if (current == null) {
            throw new IllegalStateException("the Stripe connector is not initialized");
        }
        return current;
    }
}
