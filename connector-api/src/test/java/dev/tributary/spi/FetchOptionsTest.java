package dev.tributary.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FetchOptionsTest {

    @Test
    void deliversRecordsWithTheirStateAndKeepsNullValues() {
        List<Batch> received = new ArrayList<>();
        FetchOptions options = FetchOptions.builder("customers").batchSize(2).onBatch(received::add).build();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "cus_1");
        record.put("email", null);

        options.onBatch(List.of(record), "page-1");
        options.onDeleted(List.of(Map.of("id", "cus_0")), "page-2");

        assertThat(received).hasSize(2);
        assertThat(received.get(0).records().get(0)).containsEntry("email", null);
        assertThat(received.get(0).resumeState()).isEqualTo("page-1");
        assertThat(received.get(1).deletedKeys()).containsExactly(Map.of("id", "cus_0"));
    }

    @Test
    void refusesBatchLargerThanBatchSize() {
        FetchOptions options = FetchOptions.builder("customers").batchSize(1).build();

        assertThatThrownBy(() -> options.onBatch(List.of(Map.of("id", 1), Map.of("id", 2)), "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the batch size 1");
    }

    @Test
    void refusesBatchesAfterCancellation() {
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Batch> received = new ArrayList<>();
        FetchOptions options = FetchOptions.builder("customers").cancelled(cancelled::get).onBatch(received::add)
                .build();

        cancelled.set(true);

        assertThat(options.isCancelled()).isTrue();
        assertThatThrownBy(() -> options.onBatch(List.of(new HashMap<>(Map.of("id", 1))), "s"))
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining("customers");
        assertThat(received).isEmpty();
    }

    @Test
    void startsFreshWhenNothingIsGiven() {
        FetchOptions options = FetchOptions.builder("customers").build();

        assertThat(options.since()).isEmpty();
        assertThat(options.resumeState()).isEmpty();
        assertThat(options.checkpoint()).isEmpty();
        assertThat(options.batchSize()).isEqualTo(100);
    }
}
