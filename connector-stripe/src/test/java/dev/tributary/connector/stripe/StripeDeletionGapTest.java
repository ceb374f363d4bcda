package dev.tributary.connector.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.connector.stripe.FakeStripe.Resource;
import dev.tributary.runtime.SyncJob;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.sync.EntityStatus;
import dev.tributary.runtime.sync.SyncResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deletions across the events gap, through the real runtime into SQLite: when Stripe no longer has the events after
 * the saved position, the connector lists everything again and the rows it did not list are marked deleted in the
 * transaction of the listing's last batch.
 */
class StripeDeletionGapTest {

    @TempDir
    Path home;

    private FakeStripe fake;
    private Tributary tributary;

    @BeforeEach
    void start() {
        fake = FakeStripe.start(TestSupport.API_KEY, 0, Instant.now());
        tributary = Tributary.builder().home(home).build();
    }

    @AfterEach
    void stop() {
        tributary.close();
        fake.close();
    }

    private SyncResult sync() {
        return tributary.sync(SyncJob.builder("stripe").config(Map.of(StripeConfig.API_KEY, TestSupport.API_KEY,
                StripeConfig.API_BASE_URL, fake.baseUrl())).entities(List.of("customers")).build());
    }

    /** Each row of {@code stripe_customers}: id to whether it is marked deleted. */
    private Map<String, Boolean> rows() throws Exception {
        Map<String, Boolean> rows = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT id, _deleted_at FROM stripe_customers ORDER BY id")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getString(2) != null);
            }
        }
        return rows;
    }

    @Test
    void aDeletionWhoseEventIsGoneIsMarkedByTheFullListing() throws Exception {
        for (int i = 0; i < 5; i++) {
            fake.create(Resource.CUSTOMERS);
        }
        assertThat(sync().entities()).allMatch(entity -> entity.status() == EntityStatus.DONE);
        List<String> ids = fake.ids(Resource.CUSTOMERS);
        assertThat(rows()).containsOnlyKeys(ids).doesNotContainValue(true);

        fake.delete(Resource.CUSTOMERS, ids.get(1));
        fake.delete(Resource.CUSTOMERS, ids.get(3));
        fake.pruneAllEvents();
        SyncResult second = sync();

        assertThat(second.entities()).singleElement().satisfies(entity -> {
            assertThat(entity.status()).isEqualTo(EntityStatus.DONE);
            assertThat(entity.deletions()).isEqualTo(2);
        });
        Map<String, Boolean> expected = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            expected.put(ids.get(i), i == 1 || i == 3);
        }
        assertThat(rows()).isEqualTo(expected);
    }

    @Test
    void anIncrementalRunWithItsEventsMarksNothingItDidNotHearOf() throws Exception {
        for (int i = 0; i < 3; i++) {
            fake.create(Resource.CUSTOMERS);
        }
        sync();
        fake.create(Resource.CUSTOMERS);
        SyncResult second = sync();

        assertThat(second.entities()).singleElement().satisfies(entity -> assertThat(entity.deletions()).isZero());
        assertThat(rows()).hasSize(4).doesNotContainValue(true);
    }
}
