package dev.tributary.connector.close;

import dev.tributary.spi.Batch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects the batches a connector hands over, as the runtime would commit them. */
final class BatchRecorder implements Consumer<Batch> {

    private final List<Batch> batches = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Batch batch) {
        batches.add(batch);
    }

    List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** Every record in delivery order. */
    List<Map<String, Object>> records() {
        return batches.stream().flatMap(batch -> batch.records().stream()).toList();
    }

    /** The ids of every record in delivery order. */
    List<Object> ids() {
        return records().stream().map(record -> record.get("id")).toList();
    }

    /** The resume state handed over with each batch. */
    List<String> states() {
        return batches.stream().map(Batch::resumeState).toList();
    }

    /** The last state handed over. */
    String lastState() {
        return batches.get(batches.size() - 1).resumeState();
    }
}
