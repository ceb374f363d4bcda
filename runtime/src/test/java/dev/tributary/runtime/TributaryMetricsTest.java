package dev.tributary.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.source.SourceSyncOptions;
import dev.tributary.runtime.store.DataSourceChanges;
import dev.tributary.runtime.store.DataSourceDraft;
import dev.tributary.runtime.store.RunStatus;
import dev.tributary.runtime.store.RunTrigger;
import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.runtime.sync.SyncMetrics;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.spi.config.Settings;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syncs through the root API into a {@link SimpleMeterRegistry} and reads the meters back. */
class TributaryMetricsTest {

    private static final String CANARY = "sk_live_METRICSCANARY_5d1e";
    private static final Instant NOW = Instant.parse("2026-12-06T10:15:30Z");

    @TempDir
    Path home;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private URLClassLoader loader;

    @BeforeEach
    void declareTheConnectorOnTheClassPath() throws IOException {
        Path services = Files.createDirectories(home.resolve("classes/META-INF/services"));
        Files.writeString(services.resolve("dev.tributary.spi.BaseConnector"), MeteredConnector.class.getName(),
                StandardCharsets.UTF_8);
        loader = new URLClassLoader(new URL[] {home.resolve("classes").toUri().toURL()},
                TributaryMetricsTest.class.getClassLoader());
    }

    @AfterEach
    void closeLoader() throws IOException {
        loader.close();
    }

    private Tributary.Builder builder() {
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        return Tributary.builder().home(home).applicationClassLoader(loader).environment(environment::get)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SyncJob.Builder job(Map<String, ?> config) {
        return SyncJob.builder("metered").config(config).settings(Settings.DEFAULTS.withBatchSize(10));
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void countsRecordsBatchesDeletionsAndRequestsOfASync() {
        try (Tributary tributary = builder().meterRegistry(registry).build()) {
            SyncResult result = tributary.sync(job(Map.of("api_key", CANARY, "count", "25", "deleted", "2"))
                    .build());

            assertThat(result.succeeded()).as(result.toString()).isTrue();
        }
        String[] entity = {"source", "metered", "connector", "metered", "entity", "customers"};
        assertThat(counter(SyncMetrics.RECORDS_WRITTEN, entity)).isEqualTo(25.0);
        assertThat(counter(SyncMetrics.RECORDS_DELETED, entity)).isEqualTo(2.0);
        assertThat(counter(SyncMetrics.BATCHES, entity)).as("10 + 10 + 5 records, then the deletions")
                .isEqualTo(4.0);
        assertThat(counter(SyncMetrics.REQUESTS, entity)).isEqualTo(4.0);
        assertThat(registry.get(SyncMetrics.HTTP_RESPONSES).tags(entity).tag("status", "2xx").counter().count())
                .isEqualTo(4.0);
        assertThat(counter(SyncMetrics.BYTES_FETCHED, entity)).isEqualTo(4 * MeteredConnector.RESPONSE_BYTES);
        assertThat(registry.find(SyncMetrics.HTTP_RATE_LIMITED).meters()).isEmpty();
        assertThat(registry.get(SyncMetrics.RATE_LIMITER_WAIT).tags(entity).timer().count()).isEqualTo(4);
        assertThat(registry.get(SyncMetrics.ENTITY_DURATION).tags(entity).tag("outcome", "succeeded").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get(SyncMetrics.DESTINATION_COMMIT)
                .tags("source", "metered", "entity", "customers", "destination", "sqlite", "operation", "batch")
                .timer().count()).isEqualTo(4);
        assertThat(registry.get(SyncMetrics.DESTINATION_COMMIT).tags("destination", "sqlite", "operation", "finish")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get(SyncMetrics.SYNC_DURATION).tags("source", "metered", "outcome", "succeeded")
                .timer().count()).isEqualTo(1);
        assertThat(counter(SyncMetrics.SYNCS_FAILED, "source", "metered", "connector", "metered")).isZero();
        assertThat(registry.get(SyncMetrics.LAST_SUCCESS).tags("source", "metered").gauge().value())
                .isEqualTo(NOW.getEpochSecond());
        assertThat(registry.find(SyncMetrics.FETCH_ERRORS).meters()).isEmpty();
    }

    @Test
    void countsEveryFailedSyncOfAFailingConnectorAndItsErrorKind() {
        try (Tributary tributary = builder().meterRegistry(registry).build()) {
            for (int run = 0; run < 3; run++) {
                SyncResult result = tributary.sync(job(Map.of("fail", "true")).build());

                assertThat(result.succeeded()).isFalse();
            }
        }
        String[] source = {"source", "metered", "connector", "metered"};
        assertThat(counter(SyncMetrics.SYNCS_FAILED, source)).isEqualTo(3.0);
        assertThat(counter(SyncMetrics.FETCH_ERRORS, "entity", "customers", "kind", "permanent")).isEqualTo(3.0);
        assertThat(registry.get(SyncMetrics.SYNC_DURATION).tags(source).tag("outcome", "failed").timer().count())
                .isEqualTo(3);
        assertThat(registry.get(SyncMetrics.ENTITY_DURATION).tag("outcome", "failed").timer().count())
                .isEqualTo(3);
        assertThat(registry.find(SyncMetrics.RECORDS_WRITTEN).counter().count()).isZero();
        assertThat(registry.find(SyncMetrics.RETRIES).meters()).isEmpty();
        assertThat(registry.find(SyncMetrics.LAST_SUCCESS).meters()).as("never succeeded").isEmpty();
    }

    @Test
    void countsRateLimitedResponsesAndTheRetriesThatFollowThem() {
        try (Tributary tributary = builder().meterRegistry(registry).build()) {
            SyncResult result = tributary.sync(job(Map.of("count", "5", "throttled", "2")).build());

            assertThat(result.succeeded()).as(result.toString()).isTrue();
        }
        assertThat(counter(SyncMetrics.FETCH_ERRORS, "entity", "customers", "kind", "rate_limited")).isEqualTo(2.0);
        assertThat(counter(SyncMetrics.RETRIES, "entity", "customers", "kind", "rate_limited")).isEqualTo(2.0);
        assertThat(counter(SyncMetrics.HTTP_RATE_LIMITED, "entity", "customers")).isEqualTo(2.0);
        assertThat(counter(SyncMetrics.HTTP_RESPONSES, "entity", "customers", "status", "4xx")).isEqualTo(2.0);
        assertThat(counter(SyncMetrics.HTTP_RESPONSES, "entity", "customers", "status", "2xx")).isEqualTo(1.0);
        assertThat(counter(SyncMetrics.RECORDS_WRITTEN, "entity", "customers")).isEqualTo(5.0);
        assertThat(counter(SyncMetrics.SYNCS_FAILED, "source", "metered")).isZero();
    }

    @Test
    void aStoredSourceIsLabelledWithItsNameAndItsFailureBeforeAnyEntityCounts() {
        try (Tributary tributary = builder().meterRegistry(registry).build()) {
            tributary.createSource(DataSourceDraft.of("crm", "metered", Map.of("api_key", CANARY, "count", "7")));
            assertThat(tributary.syncSource("crm", SourceSyncOptions.all(RunTrigger.CLI), SyncListener.NONE,
                    new CancelHandle()).status()).isEqualTo(RunStatus.SUCCEEDED);
            tributary.updateSource("crm", DataSourceChanges.NONE
                    .withTargetDatabases(List.of("jdbc:postgresql://127.0.0.1:1/nowhere")));
            assertThat(tributary.syncSource("crm", SourceSyncOptions.all(RunTrigger.CLI), SyncListener.NONE,
                    new CancelHandle()).status()).isEqualTo(RunStatus.FAILED);
        }
        assertThat(counter(SyncMetrics.RECORDS_WRITTEN, "source", "crm", "connector", "metered")).isEqualTo(7.0);
        assertThat(counter(SyncMetrics.SYNCS_FAILED, "source", "crm", "connector", "metered")).isEqualTo(1.0);
        assertThat(registry.get(SyncMetrics.SYNC_DURATION).tags("source", "crm", "outcome", "succeeded").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get(SyncMetrics.SYNC_DURATION).tags("source", "crm", "outcome", "failed").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void labelsHoldNeitherSecretsNorRecordIds() {
        try (Tributary tributary = builder().meterRegistry(registry).build()) {
            tributary.sync(job(Map.of("api_key", CANARY, "count", "12", "deleted", "3")).build());
            tributary.sync(job(Map.of("api_key", CANARY, "fail", "true")).build());
        }
        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter -> {
            assertThat(meter.getId().getName()).startsWith("tributary.");
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getKey()).isIn("source", "connector", "entity", "destination", "outcome", "kind",
                        "operation", "status");
                assertThat(tag.getValue()).doesNotContain(CANARY).doesNotContain(MeteredConnector.RECORD_ID_PREFIX)
                        .doesNotContain("400").doesNotContain(home.toString());
            }
        });
    }

    @Test
    void withoutARegistryNothingIsRecordedGlobally() {
        try (Tributary tributary = builder().build()) {
            assertThat(tributary.sync(job(Map.of("count", "4")).build()).succeeded()).isTrue();
        }
        assertThat(Metrics.globalRegistry.getMeters()).extracting(Meter::getId)
                .noneMatch(id -> id.getName().startsWith("tributary."));
        assertThat(registry.getMeters()).isEmpty();
    }
}
