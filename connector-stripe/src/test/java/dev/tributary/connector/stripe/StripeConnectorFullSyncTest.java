package dev.tributary.connector.stripe;

import static dev.tributary.connector.stripe.TestSupport.connector;
import static dev.tributary.connector.stripe.TestSupport.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.connector.stripe.FakeStripe.Resource;
import dev.tributary.connector.stripe.TestSupport.CountingRateLimiter;
import dev.tributary.spi.Batch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StripeConnectorFullSyncTest {

    private FakeStripe fake;

    @BeforeEach
    void startFake() {
        fake = FakeStripe.start(TestSupport.API_KEY);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private void seed(Resource resource, int count) {
        for (int i = 0; i < count; i++) {
            fake.create(resource);
            if (i % 3 == 2) {
                fake.advance(Duration.ofSeconds(1)); // three objects per second: ties in created
            }
        }
    }

    @Test
    void fullSyncReadsThousandsOfCustomersAcrossPagesExactlyAsServed() {
        seed(Resource.CUSTOMERS, 2_345);
        ReplicaTable table = new ReplicaTable("customers").sync(connector(fake), 100);

        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.CUSTOMERS));
        assertThat(table.rows()).hasSize(2_345);
        List<FakeStripe.ReceivedRequest> pages = fake.requests("/v1/customers");
        assertThat(pages).hasSize(24);
        assertThat(pages.get(0).rawQuery()).isEqualTo("limit=100");
        for (int i = 1; i < pages.size(); i++) {
            String lastOfPrevious = (String) table.batches().get(i - 1).records().get(99).get("id");
            assertThat(pages.get(i).rawQuery()).isEqualTo("limit=100&starting_after=" + lastOfPrevious);
        }
        assertThat(table.batches()).allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(100));
    }

    @Test
    void recordsKeepNullsUnknownFieldsAndStripeOrderNewestFirst() {
        seed(Resource.CUSTOMERS, 5);
        ReplicaTable table = new ReplicaTable("customers").sync(connector(fake), 100);

        List<Map<String, Object>> records = table.batches().get(0).records();
        Map<String, Object> first = records.get(0);
        assertThat(first).containsEntry("email", null).containsEntry("test_clock", null)
                .containsKey(FakeStripe.UNKNOWN_FIELD);
        @SuppressWarnings("unchecked")
        Map<String, Object> future = (Map<String, Object>) first.get(FakeStripe.UNKNOWN_FIELD);
        assertThat(future)
                .containsEntry("introduced_in", "2027-01-01.future").containsEntry("value", null);
        assertThat(first.get("created")).isInstanceOf(Long.class);
        assertThat(records).extracting(r -> (String) r.get("id"))
                .containsExactly("cus_00000009", "cus_00000007", "cus_00000005", "cus_00000003", "cus_00000001");
    }

    @Test
    void subscriptionsAreListedWithStatusAllSoCanceledOnesAreSynced() {
        seed(Resource.SUBSCRIPTIONS, 30);
        String canceled = fake.ids(Resource.SUBSCRIPTIONS).get(4);
        fake.cancelSubscription(canceled);

        ReplicaTable table = new ReplicaTable("subscriptions").sync(connector(fake), 7);

        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, Resource.SUBSCRIPTIONS));
        assertThat(table.rows().get(canceled)).containsEntry("status", "canceled");
        assertThat(fake.requests("/v1/subscriptions"))
                .allSatisfy(request -> assertThat(request.rawQuery()).contains("status=all").contains("limit=7"));
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void everyEntityIsSyncedCompletely(Resource resource) {
        seed(resource, 250);
        ReplicaTable table = new ReplicaTable(resource.path).sync(connector(fake), 100);

        assertThat(table.rowsAsJson()).isEqualTo(expected(fake, resource));
        assertThat(fake.requests("/v1/" + resource.path)).hasSize(3);
    }

    @Test
    void batchSizeAboveStripesLimitIsCappedAt100() {
        seed(Resource.PRODUCTS, 150);
        ReplicaTable table = new ReplicaTable("products").sync(connector(fake), 500);

        assertThat(table.rows()).hasSize(150);
        assertThat(fake.requests("/v1/products")).extracting(FakeStripe.ReceivedRequest::rawQuery)
                .allSatisfy(query -> assertThat(query).startsWith("limit=100"));
    }

    @Test
    void everyRequestTakesARateLimiterPermitAndCarriesStripeHeaders() {
        seed(Resource.CHARGES, 120);
        CountingRateLimiter limiter = new CountingRateLimiter();
        new ReplicaTable("charges").sync(connector(fake, Map.of(StripeConfig.STRIPE_ACCOUNT, "acct_123")), 50, 0,
                limiter, System.getLogger("test"));

        assertThat(limiter.acquired.get()).isEqualTo(fake.requests().size()).isEqualTo(4);
        assertThat(fake.requests()).allSatisfy(request -> {
            assertThat(request.header("Authorization")).containsExactly("Bearer " + TestSupport.API_KEY);
            assertThat(request.header("Stripe-Account")).containsExactly("acct_123");
            assertThat(request.header("Stripe-Version")).hasSize(1);
        });
    }

    @Test
    void progressCountsRecordsSoFar() {
        seed(Resource.PLANS, 25);
        ReplicaTable table = new ReplicaTable("plans").sync(connector(fake), 10);

        assertThat(table.progress()).containsExactly(10L, 20L, 25L);
    }

    @Test
    void fullSyncEndsWithACheckpointHoldingTheNewestEvent() {
        seed(Resource.PRICES, 12);
        ReplicaTable table = new ReplicaTable("prices").sync(connector(fake), 5);

        SyncState checkpoint = SyncState.parse(table.checkpoint().orElseThrow());
        assertThat(checkpoint.phase()).isEqualTo(SyncState.Phase.DONE);
        assertThat(checkpoint.position().eventId()).contains(String.format("evt_%08d", 24));
        assertThat(fake.requests("/v1/events").get(0).rawQuery())
                .isEqualTo("types[0]=price.created&types[1]=price.updated&types[2]=price.deleted&limit=1");
        List<Batch> batches = table.batches();
        assertThat(batches).hasSize(3);
    }

    @Test
    void emptyAccountGivesOneEmptyFinalBatch() {
        ReplicaTable table = new ReplicaTable("invoices").sync(connector(fake), 100);

        assertThat(table.batches()).singleElement().satisfies(batch -> assertThat(batch.size()).isZero());
        assertThat(SyncState.parse(table.checkpoint().orElseThrow()).position().eventId()).isEmpty();
    }
}
