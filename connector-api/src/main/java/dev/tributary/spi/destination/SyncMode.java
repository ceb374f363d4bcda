package dev.tributary.spi.destination;

/**
 * How one run of an entity writes its table.
 *
 * @since 1.0
 */
public enum SyncMode {
    /** Records are upserted into the live table; rows absent from the source stay. */
    INCREMENTAL,
    /**
     * Records go into a staging table that replaces the live table in one transaction when the run finishes, so
     * readers see the old table or the new one, never a partial one; rows that vanished from the source disappear.
     */
    FULL_REFRESH
}
