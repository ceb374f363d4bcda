package dev.tributary.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.FakeClock;
import dev.tributary.runtime.crypto.EncryptionKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyncRunsTest {

    @RegisterExtension
    final StoreFixture stores = new StoreFixture();

    @TempDir
    Path folder;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));

    private SyncRuns runs;
    private DataSources sources;

    private void open(Backend backend) {
        Store store = Store.open(stores.location(backend, folder), clock);
        EncryptionKey key = EncryptionKey.generate(new SecureRandom());
        runs = new SyncRuns(store, clock);
        sources = new DataSources(store, () -> key, clock, "jdbc:sqlite:w.db");
    }

    private DataSource source(String name) {
        return sources.create(DataSourceDraft.of(name, "demo", Map.of("api_key", "k")), DataSourcesTest.SCHEMA);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void recordsARunWithItsEntityResults(Backend backend) {
        open(backend);
        DataSource crm = source("crm");
        SyncRun started = runs.start("run-1", crm, RunTrigger.API);
        clock.advance(Duration.ofSeconds(90));
        runs.recordEntity("run-1", new EntityRunResult("jdbc:postgresql://h/db?password=pw", "leads",
                RunStatus.SUCCEEDED, 120, 3, 1, Optional.empty(), 7));
        runs.recordEntity("run-1", new EntityRunResult("jdbc:postgresql://h/db?password=pw", "contacts",
                RunStatus.FAILED, 40, 0, 6, Optional.of("server error 503 after 5 retries")));

        SyncRun finished = runs.finish("run-1", RunStatus.PARTIAL, Optional.empty());

        assertThat(started.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(finished.startedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(finished.endedAt()).contains(Instant.parse("2026-01-01T00:01:30Z"));
        assertThat(finished.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(finished.trigger()).isEqualTo(RunTrigger.API);
        assertThat(finished.records()).isEqualTo(160);
        assertThat(finished.entities()).extracting(EntityRunResult::entity).containsExactly("contacts", "leads");
        assertThat(finished.entities().get(0).targetDatabase()).isEqualTo("jdbc:postgresql://h/db?password=********");
        assertThat(finished.entities().get(0).error()).contains("server error 503 after 5 retries");
        assertThat(finished.entities()).extracting(EntityRunResult::discarded).containsExactly(0L, 7L);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listsNewestFirstPerSourceUpToTheLimit(Backend backend) {
        open(backend);
        DataSource crm = source("crm");
        DataSource billing = source("billing");
        for (int i = 1; i <= 3; i++) {
            runs.start("crm-" + i, crm, RunTrigger.CLI);
            runs.start("billing-" + i, billing, RunTrigger.SCHEDULE);
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(runs.list(Optional.of("crm"), 2)).extracting(SyncRun::id).containsExactly("crm-3", "crm-2");
        assertThat(runs.list(Optional.empty(), 10)).hasSize(6);
        assertThatThrownBy(() -> runs.list(Optional.empty(), 0)).hasMessageContaining("limit must be at least 1");
        assertThatThrownBy(() -> runs.finish("crm-1", RunStatus.RUNNING, Optional.empty()))
                .hasMessageContaining("cannot finish as RUNNING");
    }
}
