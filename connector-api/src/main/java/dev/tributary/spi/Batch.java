package dev.tributary.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit of work handed from a connector to the runtime: records to upsert, keys of records the source deleted,
 * and the connector's resume state as of the end of this batch. The runtime writes all three in one transaction,
 * so a sync interrupted at any instant resumes exactly after the last committed batch.
 *
 * <p>Records are JSON-compatible maps: values are {@code null}, {@link String}, {@link Boolean}, {@link Number},
 * {@link List} or {@link Map} of the same. {@code null} is data (a JSON null) and is kept. The runtime takes
 * ownership of the lists and maps: do not change them after handing them over.
 *
 * @param records records to insert or update, keyed by the entity's primary key; may be empty
 * @param deletedKeys records the source reports as deleted; each map holds at least the primary-key field(s); the
 *     runtime marks those rows deleted rather than removing them; may be empty
 * @param resumeState the connector's opaque position after this batch, from which {@link BaseConnector#fetchEntity}
 *     can continue (see {@link FetchOptions#resumeState()}); never null
 * @param listingStartedAt present on the last batch of a complete listing of the entity (every record the source
 *     holds was delivered since this time, by this run): the runtime then marks deleted, in this batch's
 *     transaction, every row of the table not written since then, so deletions the source can no longer report
 *     (events expired) are not lost; take it from the clock before the listing's first request. Absent otherwise.
 * @since 1.0
 */
public record Batch(List<Map<String, Object>> records, List<Map<String, Object>> deletedKeys, String resumeState,
        Optional<Instant> listingStartedAt) {

    public Batch {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        deletedKeys = List.copyOf(Objects.requireNonNull(deletedKeys, "deletedKeys"));
        Objects.requireNonNull(resumeState, "resumeState (use \"\" or a marker when there is nothing to resume)");
        Objects.requireNonNull(listingStartedAt, "listingStartedAt");
    }

    /** A batch that ends no complete listing: the constructor of SPI 1.0, kept so plugins built against it link. */
    public Batch(List<Map<String, Object>> records, List<Map<String, Object>> deletedKeys, String resumeState) {
        this(records, deletedKeys, resumeState, Optional.empty());
    }

    /**
     * The last batch of a complete listing that began at {@code listingStartedAt}; see {@link #listingStartedAt()}.
     *
     * @since 1.1
     */
    public static Batch endingCompleteListing(List<Map<String, Object>> records,
            List<Map<String, Object>> deletedKeys, String resumeState, Instant listingStartedAt) {
        return new Batch(records, deletedKeys, resumeState,
                Optional.of(Objects.requireNonNull(listingStartedAt, "listingStartedAt")));
    }

    /** The number of records plus deletions in this batch. */
    public int size() {
        return records.size() + deletedKeys.size();
    }
}
