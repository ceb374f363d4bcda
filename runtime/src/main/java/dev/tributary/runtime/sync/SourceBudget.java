package dev.tributary.runtime.sync;

import dev.tributary.spi.config.Settings;
import dev.tributary.spi.ratelimit.RequestBudget;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The request budget a data source starts a sync with, and where it comes from: the user's {@code requestsPerSecond}
 * setting wins; otherwise the budget the connector declares ({@code BaseConnector.defaultRequestBudget()}); otherwise
 * (plugins built against SPI 1.0, connectors that declare none) the runtime default of {@link Settings#DEFAULTS}.
 *
 * @param requestsPerSecond the starting rate, positive
 * @param burst the starting burst, at least 1
 * @param origin which of the three chose it
 * @param basis where the figure comes from, for people
 */
public record SourceBudget(double requestsPerSecond, int burst, Origin origin, String basis) {

    /** Who chose a budget. */
    public enum Origin {
        /** The user's {@code requestsPerSecond} setting (or {@code --requests-per-second}). */
        SETTING,
        /** The connector's declared default. */
        CONNECTOR,
        /** The runtime's generic default, for connectors that declare none. */
        RUNTIME_DEFAULT;

        /** The lower-case name used in JSON output, e.g. {@code "runtime_default"}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SourceBudget {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be a positive number, was " + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(basis, "basis");
    }

    /**
     * Chooses the budget of one sync.
     *
     * @param settings the data source's settings
     * @param rateSetByUser whether the user gave {@code requestsPerSecond}; a rate other than the runtime default
     *     counts as given even when this is false (stored settings do not remember which values were typed)
     * @param declared what the connector declares, empty for none
     */
    public static SourceBudget choose(Settings settings, boolean rateSetByUser, Optional<RequestBudget> declared) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(declared, "declared");
        if (rateSetByUser || settings.requestsPerSecond() != Settings.DEFAULTS.requestsPerSecond()) {
            return new SourceBudget(settings.requestsPerSecond(), settings.burst(), Origin.SETTING,
                    "the requestsPerSecond setting");
        }
        return declared.map(budget -> new SourceBudget(budget.requestsPerSecond(),
                        Math.max(budget.burst(), settings.burst()), Origin.CONNECTOR, budget.basis()))
                .orElseGet(() -> new SourceBudget(settings.requestsPerSecond(), settings.burst(),
                        Origin.RUNTIME_DEFAULT, "the connector declares no budget"));
    }

    /**
     * This budget, when it is the runtime default, saying that the connector failed to declare its own (its
     * {@code defaultRequestBudget()} threw); any other budget unchanged.
     */
    public SourceBudget failedDeclaration() {
        return origin == Origin.RUNTIME_DEFAULT ? new SourceBudget(requestsPerSecond, burst, origin,
                "the connector failed to declare its budget") : this;
    }

    /** Whether the user chose this rate, so header-reported limits may lower it but never raise it. */
    public boolean userCapped() {
        return origin == Origin.SETTING;
    }

    /** A short phrase such as {@code "20 req/s (connector: Stripe test mode allows 25 read requests/s)"}. */
    public String describe() {
        return TokenBucket.formatRate(requestsPerSecond) + " req/s (" + origin.jsonName().replace('_', ' ') + ": "
                + basis + ")";
    }
}
