package dev.tributary.spi.destination;

/**
 * What {@link Destination#applyEvent(EventWrite)} did.
 *
 * @param duplicate whether the event id had been applied before, in which case nothing changed
 * @param upserted the records written
 * @param deleted the rows newly marked deleted
 * @param skipped the records and deletions left out because the row holds a later change or is already deleted
 * @since 1.1
 */
public record EventApplied(boolean duplicate, int upserted, int deleted, int skipped) {

    public EventApplied {
        if (upserted < 0 || deleted < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** The result for an event id applied before. */
    public static EventApplied ofDuplicate() {
        return new EventApplied(true, 0, 0, 0);
    }
}
