package dev.tributary.runtime.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook activity part of the run history: one row per data source and UTC day in {@code webhook_activity},
 * counting deliveries by outcome, so the counts survive restarts and are shared by every server on the store. Each
 * delivery is one upsert. Thread-safe.
 */
public final class WebhookHistory {

    private static final String UPSERT = "INSERT INTO webhook_activity (source_name, day, applied, duplicates,"
            + " ignored, refused, last_event_at, last_received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (source_name, day) DO UPDATE SET"
            + " applied = webhook_activity.applied + excluded.applied,"
            + " duplicates = webhook_activity.duplicates + excluded.duplicates,"
            + " ignored = webhook_activity.ignored + excluded.ignored,"
            + " refused = webhook_activity.refused + excluded.refused,"
            + " last_event_at = CASE WHEN webhook_activity.last_event_at IS NULL"
            + " OR excluded.last_event_at > webhook_activity.last_event_at THEN excluded.last_event_at"
            + " ELSE webhook_activity.last_event_at END,"
            + " last_received_at = CASE WHEN excluded.last_received_at > webhook_activity.last_received_at"
            + " THEN excluded.last_received_at ELSE webhook_activity.last_received_at END";

    private final Store store;

    public WebhookHistory(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Counts one delivery for {@code source} on the UTC day of {@code receivedAt}.
     *
     * @param eventTime the source time of an applied event; only kept for {@link WebhookDay.Outcome#APPLIED}
     * @throws StoreException when the store cannot be written
     */
    public void record(String source, WebhookDay.Outcome outcome, Optional<Instant> eventTime, Instant receivedAt) {
        store.inTransaction("recording a webhook delivery for '" + source + "'", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setString(1, source);
                upsert.setString(2, LocalDate.ofInstant(receivedAt, ZoneOffset.UTC).toString());
                upsert.setLong(3, outcome == WebhookDay.Outcome.APPLIED ? 1 : 0);
                upsert.setLong(4, outcome == WebhookDay.Outcome.DUPLICATE ? 1 : 0);
                upsert.setLong(5, outcome == WebhookDay.Outcome.IGNORED ? 1 : 0);
                upsert.setLong(6, outcome == WebhookDay.Outcome.REFUSED ? 1 : 0);
                Optional<Instant> kept = outcome == WebhookDay.Outcome.APPLIED ? eventTime : Optional.empty();
                if (kept.isPresent()) {
                    upsert.setLong(7, kept.get().toEpochMilli());
                } else {
                    upsert.setNull(7, java.sql.Types.BIGINT);
                }
                upsert.setLong(8, receivedAt.toEpochMilli());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The newest days first, at most {@code limit}, of the named source; days without deliveries are left out.
     *
     * @throws IllegalArgumentException when {@code limit} is not positive
     */
    public List<WebhookDay> days(String source, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return store.read("reading the webhook activity of '" + source + "'", connection -> {
            List<WebhookDay> days = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM webhook_activity"
                    + " WHERE source_name = ? ORDER BY day DESC LIMIT " + limit)) {
                select.setString(1, source);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        days.add(day(rows));
                    }
                }
            }
            return days;
        });
    }

    /** Every day of the named source, newest first. */
    public List<WebhookDay> allDays(String source) {
        return days(source, Integer.MAX_VALUE);
    }

    private static WebhookDay day(ResultSet row) throws SQLException {
        long lastEvent = row.getLong("last_event_at");
        Optional<Instant> lastEventTime = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastEvent));
        return new WebhookDay(row.getString("source_name"), LocalDate.parse(row.getString("day")),
                row.getLong("applied"), row.getLong("duplicates"), row.getLong("ignored"), row.getLong("refused"),
                lastEventTime, Instant.ofEpochMilli(row.getLong("last_received_at")));
    }
}
