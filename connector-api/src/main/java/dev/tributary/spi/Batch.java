package dev.tributary.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * @since 1.0
 */
public record Batch(List<Map<String, Object>> records, List<Map<String, Object>> deletedKeys, String resumeState) {

    public Batch {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        deletedKeys = List.copyOf(Objects.requireNonNull(deletedKeys, "deletedKeys"));
        Objects.requireNonNull(resumeState, "resumeState (use \"\" or a marker when there is nothing to resume)");
    }

    /** The number of records plus deletions in this batch. */
    public int size() {
        return records.size() + deletedKeys.size();
    }
}
