package dev.tributary.connector.stripe;

import static dev.tributary.connector.stripe.TestSupport.connector;
import static dev.tributary.connector.stripe.TestSupport.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.connector.stripe.FakeStripe.Resource;
import dev.tributary.connector.stripe.TestSupport.RecordingLogger;
import dev.tributary.spi.Batch;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeConnectorIncrementalTest {

    private FakeStripe fake;
    private StripeConnector connector;

    @BeforeEach
    void startFake() {
        fake = FakeStripe.start(TestSupport.API_KEY);
        connector = connector(fake);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private void seed(Resource resource, int count) {
        for (int i = 0; i < count; i++) {
            fake.create(resource);
            if (i % 4 == 3) {
                fake.advance(Duration.ofSeconds(1));
            }
        }
    }

    private ReplicaTable sync(ReplicaTable table, int batchSize, RecordingLogger logger) {
        return table.sync(connector, batchSize, 0, RateLimiter.unlimited(), logger);
    }

    @Test
    void incrementalRunAfterUpdatesDeletesAndCreatesMatchesTheServerForEveryEntity() {
        Map<Resource, ReplicaTable> tables = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            seed(resource, 230);
            fake.advance(Duration.ofMinutes(1));
        }
        for (Resource resource : Resource.values()) {
            tables.put(resource, new ReplicaTable(resource.path).sync(connector, 50));
        }
        fake.advance(Duration.ofHours(3));
        for (Resource resource : Resource.values()) {
            List<String> ids = fake.ids(resource);
            for (int i = 0; i < 40; i += 3) {
                fake.update(resource, ids.get(i), "description", "changed " + i);
                fake.advance(Duration.ofSeconds(2));
            }
            fake.update(resource, ids.get(1), "description", "first change");
            fake.update(resource, ids.get(1), "description", "second change");
            seed(resource, 17);
            switch (resource) {
                case SUBSCRIPTIONS -> ids.subList(50, 60).forEach(fake::cancelSubscription);
                case CHARGES -> { }
                default -> {
                    ids.subList(60, 72).forEach(id -> fake.delete(resource, id));
                    fake.update(resource, ids.get(80), "description", "updated before its deletion");
                    fake.delete(resource, ids.get(80));
                    String shortLived = fake.create(resource).get("id").getAsString();
                    fake.delete(resource, shortLived);
                }
            }
        }
        for (Resource resource : Resource.values()) {
            ReplicaTable table = tables.get(resource);
            sync(table, 50, new RecordingLogger());
            assertThat(table.rowsAsJson()).as(resource.path).isEqualTo(expected(fake, resource));
        }
        assertThat(tables.get(Resource.SUBSCRIPTIONS).rows().values())
                .filteredOn(row -> "canceled".equals(row.get("status"))).hasSize(10);
    }

    @Test
    void newObjectsAreListedWithCreatedGteSinceAndChangesReadFromEventsAfterTheCheckpoint() {
        seed(Resource.CUSTOMERS, 120);
        ReplicaTable table = new ReplicaTable("customers").sync(connector, 100);
        String checkpointEvent = SyncState.parse(table.checkpoint().orElseThrow()).position().eventId()
                .orElseThrow();
        long since = table.since().orElseThrow().getEpochSecond();
        fake.advance(Duration.ofMinutes(10));
        String updated = fake.ids(Resource.CUSTOMERS).get(3);
        fake.update(Resource.CUSTOMERS, updated, "email", "new@example.com");
        seed(Resource.CUSTOMERS, 3);
        int before = fake.requests().size();

        sync(table, 100, new RecordingLogger());

        List<FakeStripe.ReceivedRequest> run = fake.requests().subList(before, fake.requests().size());
        assertThat(run).extracting(r -> r.path() + "?" + r.rawQuery()).containsExactly(
                "/v1/customers?limit=100&created[gte]=" + since,
                "/v1/events?types[0]=customer.created&types[1]=customer.updated&types[2]=customer.deleted"
                        + "&limit=100&ending_before=" + checkpointEvent);
        assertThat(table.rows().get(updated)).containsEntry("email", "new@example.com");
        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.CUSTOMERS));
    }

    @Test
    void deletedEventsAreReportedAsDeletedKeys() {
        seed(Resource.PRODUCTS, 10);
        ReplicaTable table = new ReplicaTable("products").sync(connector, 100);
        String gone = fake.ids(Resource.PRODUCTS).get(2);
        fake.delete(Resource.PRODUCTS, gone);

        sync(table, 100, new RecordingLogger());

        assertThat(table.batches()).flatExtracting(Batch::deletedKeys).containsExactly(Map.of("id", gone));
        assertThat(table.rows()).doesNotContainKey(gone).hasSize(9);
    }

    @Test
    void eventsSpanningManyPagesAreAppliedOldestFirst() {
        seed(Resource.PLANS, 30);
        ReplicaTable table = new ReplicaTable("plans").sync(connector, 100);
        String plan = fake.ids(Resource.PLANS).get(0);
        for (int i = 0; i < 95; i++) {
            fake.update(Resource.PLANS, plan, "nickname", "version " + i);
            fake.advance(Duration.ofSeconds(1));
        }

        sync(table, 10, new RecordingLogger());

        assertThat(table.rows().get(plan)).containsEntry("nickname", "version 94");
        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.PLANS));
    }

    @Test
    void incrementalRunWithoutChangesReadsOnePageOfEachAndKeepsThePosition() {
        seed(Resource.INVOICES, 20);
        ReplicaTable table = new ReplicaTable("invoices").sync(connector, 100);
        String checkpoint = table.checkpoint().orElseThrow();
        int before = fake.requests().size();

        sync(table, 100, new RecordingLogger());

        assertThat(fake.requests().size() - before).isEqualTo(2);
        assertThat(SyncState.parse(table.checkpoint().orElseThrow()).position())
                .isEqualTo(SyncState.parse(checkpoint).position());
        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.INVOICES));
    }

    @Test
    void positionOlderThanEventRetentionFallsBackToAFullRefreshAndSaysSo() {
        seed(Resource.CUSTOMERS, 40);
        ReplicaTable table = new ReplicaTable("customers").sync(connector, 100);
        fake.advance(Duration.ofDays(31));
        List<String> ids = fake.ids(Resource.CUSTOMERS);
        fake.update(Resource.CUSTOMERS, ids.get(0), "name", "renamed while we were away");
        seed(Resource.CUSTOMERS, 5);
        RecordingLogger logger = new RecordingLogger();
        int before = fake.requests().size();

        sync(table, 100, logger);

        assertThat(logger.messages).anySatisfy(message -> assertThat(message).startsWith("WARNING")
                .contains("more than 30 days ago").contains("falling back to a full refresh"));
        assertThat(fake.requests().subList(before, fake.requests().size()))
                .extracting(r -> r.path() + "?" + r.rawQuery())
                .contains("/v1/customers?limit=100").noneMatch(q -> q.contains("ending_before"));
        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.CUSTOMERS));
        assertThat(SyncState.parse(table.checkpoint().orElseThrow()).mode()).isEqualTo(SyncState.Mode.FULL);
    }

    @Test
    void eventPositionStripeNoLongerKnowsFallsBackToAFullRefresh() {
        seed(Resource.PRICES, 15);
        ReplicaTable table = new ReplicaTable("prices").sync(connector, 100);
        fake.advance(Duration.ofDays(2));
        fake.update(Resource.PRICES, fake.ids(Resource.PRICES).get(4), "nickname", "pruned event");
        fake.pruneAllEvents();
        RecordingLogger logger = new RecordingLogger();

        sync(table, 100, logger);

        assertThat(logger.messages).anySatisfy(message -> assertThat(message)
                .contains("no longer has the events").contains("falling back to a full refresh"));
        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.PRICES));
    }

    @Test
    void firstEventsAfterAQuietFullSyncAreFoundByTime() {
        ReplicaTable table = new ReplicaTable("products").sync(connector, 100);
        assertThat(SyncState.parse(table.checkpoint().orElseThrow()).position().eventId()).isEmpty();
        fake.advance(Duration.ofMinutes(1));
        seed(Resource.PRODUCTS, 12);
        List<String> ids = fake.ids(Resource.PRODUCTS);
        fake.update(Resource.PRODUCTS, ids.get(0), "name", "renamed");
        fake.delete(Resource.PRODUCTS, ids.get(1));

        sync(table, 5, new RecordingLogger());

        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.PRODUCTS));
        assertThat(fake.requests("/v1/events")).extracting(FakeStripe.ReceivedRequest::rawQuery)
                .anySatisfy(query -> assertThat(query).contains("created[gte]=").contains("starting_after="));
        assertThat(SyncState.parse(table.checkpoint().orElseThrow()).position().eventId()).isPresent();
    }

    @Test
    void entityWithoutChangesForWeeksDoesNotExpire() {
        seed(Resource.PLANS, 5);
        ReplicaTable table = new ReplicaTable("plans").sync(connector, 100);
        RecordingLogger logger = new RecordingLogger();
        for (int week = 0; week < 8; week++) {
            fake.advance(Duration.ofDays(7));
            sync(table, 100, logger);
        }
        fake.update(Resource.PLANS, fake.ids(Resource.PLANS).get(0), "nickname", "after two months");

        sync(table, 100, logger);

        assertThat(logger.messages).noneMatch(message -> message.contains("full refresh"));
        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.PLANS));
    }

    @Test
    void sinceWithoutASavedPositionListsOnlyNewerObjectsAndTracksEventsFromThen() {
        seed(Resource.CUSTOMERS, 20);
        fake.advance(Duration.ofMinutes(1));
        java.time.Instant since = fake.now();
        seed(Resource.CUSTOMERS, 6);
        ReplicaTable table = new ReplicaTable("customers");
        RecordingLogger logger = new RecordingLogger();

        connector.fetchEntity(table.options(100, java.util.Optional.of(since), java.util.Optional.empty(),
                RateLimiter.unlimited(), logger));

        assertThat(table.rows().values()).hasSize(6)
                .allSatisfy(row -> assertThat((Long) row.get("created"))
                        .isGreaterThanOrEqualTo(since.getEpochSecond()));
        assertThat(logger.messages).anySatisfy(message -> assertThat(message).contains("no saved event position"));
        SyncState last = SyncState.parse(table.batches().get(table.batches().size() - 1).resumeState());
        assertThat(last.phase()).isEqualTo(SyncState.Phase.DONE);
        assertThat(last.position().eventId()).isPresent();
    }

    @Test
    void fullSyncKeepsARecentNewestEventButReplacesAWeekOldOneByTheTime() {
        seed(Resource.PRODUCTS, 3);
        ReplicaTable recent = new ReplicaTable("products").sync(connector, 100);
        fake.advance(Duration.ofDays(8));
        ReplicaTable later = new ReplicaTable("products").sync(connector, 100);

        assertThat(SyncState.parse(recent.checkpoint().orElseThrow()).position().eventId()).isPresent();
        EventPosition old = SyncState.parse(later.checkpoint().orElseThrow()).position();
        assertThat(old.eventId()).isEmpty();
        assertThat(old.created()).isEqualTo(fake.now().minus(Duration.ofMinutes(5)));
    }

    @Test
    void failuresWhileReadingEventsAreRetriedFromTheLastAppliedEvent() {
        seed(Resource.CUSTOMERS, 30);
        ReplicaTable table = new ReplicaTable("customers").sync(connector, 100);
        fake.advance(Duration.ofHours(1));
        List<String> ids = fake.ids(Resource.CUSTOMERS);
        for (int i = 0; i < 25; i++) {
            fake.update(Resource.CUSTOMERS, ids.get(i), "name", "renamed " + i);
            if (i % 6 == 0) {
                fake.delete(Resource.CUSTOMERS, ids.get(i));
            }
        }
        RecordingLogger logger = new RecordingLogger();
        TestSupport.CountingRateLimiter limiter = new TestSupport.CountingRateLimiter() {
            @Override
            public void acquire() {
                super.acquire();
                if (acquired.get() == 3) {
                    fake.failNextWithExample("/v1/events", 429, "429_lock_timeout", Map.of("Retry-After", "1"));
                } else if (acquired.get() == 6) {
                    fake.failNext("/v1/events", 502, Map.of(), "Bad Gateway");
                }
            }
        };

        table.sync(connector, 5, 5, limiter, logger);

        assertThat(table.failuresSeen()).isEqualTo(2);
        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.CUSTOMERS));
        assertThat(logger.messages).noneMatch(message -> message.contains(TestSupport.API_KEY));
        assertThat(limiter.statuses).as("every permitted request's answer is reported")
                .hasSize(limiter.acquired.get()).contains(429, 502, 200);
    }
}
