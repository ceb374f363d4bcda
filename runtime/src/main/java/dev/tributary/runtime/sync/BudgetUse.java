package dev.tributary.runtime.sync;

import java.util.Objects;

/**
 * The request budget a sync ended with and whether it was the limiting factor.
 *
 * @param requestsPerSecond the rate at the end of the sync (header-reported limits may have changed it)
 * @param origin who chose that rate: {@code setting}, {@code connector}, {@code runtime_default} or {@code server}
 * @param basis where that rate comes from, e.g. {@code "20 req/s (connector: Stripe test mode ...)"}
 * @param limiting whether at least half of the requests waited for the budget
 */
public record BudgetUse(double requestsPerSecond, String origin, String basis, boolean limiting) {

    public BudgetUse {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(basis, "basis");
    }

    /**
     * The line for people: {@code "limited by the request budget: 20 req/s (...); raise with --requests-per-second"}
     * when limiting, else {@code "request budget 20 req/s (...), not limiting"}; the basis already names the rate.
     */
    public String summary() {
        return limiting
                ? "limited by the request budget: " + basis + "; raise with --requests-per-second"
                : "request budget " + basis + ", not limiting";
    }
}
