package dev.tributary.connector.stripe;

import static dev.tributary.connector.stripe.TestSupport.connector;
import static dev.tributary.connector.stripe.TestSupport.expected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.connector.stripe.FakeStripe.Resource;
import dev.tributary.spi.Batch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resuming from every state a run handed over gives the same final rows as the uninterrupted run. */
class StripeConnectorResumeTest {

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

    @Test
    void fullSyncResumedFromEachIntermediateStateGivesTheSameRows() {
        for (int i = 0; i < 1_050; i++) {
            fake.create(Resource.CUSTOMERS);
            if (i % 2 == 1) {
                fake.advance(Duration.ofSeconds(1));
            }
        }
        ReplicaTable complete = new ReplicaTable("customers").sync(connector, 100);
        List<Batch> batches = complete.batches();
        assertThat(batches).hasSize(11);

        for (int i = 0; i < batches.size(); i++) {
            ReplicaTable interrupted = new ReplicaTable("customers");
            batches.subList(0, i + 1).forEach(interrupted);
            int before = fake.requests().size();

            interrupted.resume(connector, 100, Optional.empty(), batches.get(i).resumeState());

            assertThat(interrupted.rows()).as("resumed after batch %d", i).isEqualTo(complete.rows());
            assertThat(fake.requests().size() - before).as("pages fetched again").isEqualTo(batches.size() - 1 - i);
        }
        assertThat(complete.rowsAsJson()).isEqualTo(expected(fake, Resource.CUSTOMERS));
    }

    @Test
    void incrementalSyncResumedFromEachIntermediateStateGivesTheSameRows() {
        for (int i = 0; i < 60; i++) {
            fake.create(Resource.PRODUCTS);
            fake.advance(Duration.ofSeconds(1));
        }
        ReplicaTable base = new ReplicaTable("products").sync(connector, 100);
        Optional<Instant> since = base.since();
        fake.advance(Duration.ofHours(1));
        List<String> ids = fake.ids(Resource.PRODUCTS);
        for (int i = 0; i < 30; i++) {
            fake.update(Resource.PRODUCTS, ids.get(i), "name", "renamed " + i);
            if (i % 7 == 0) {
                fake.delete(Resource.PRODUCTS, ids.get(i));
            }
            if (i % 5 == 0) {
                fake.create(Resource.PRODUCTS);
            }
            fake.advance(Duration.ofSeconds(1));
        }
        ReplicaTable complete = base.copy().sync(connector, 4);
        assertThat(complete.rowsAsJson()).isEqualTo(expected(fake, Resource.PRODUCTS));
        List<Batch> batches = complete.batches();
        assertThat(batches).hasSizeGreaterThan(15);
        assertThat(batches).anySatisfy(batch -> assertThat(batch.deletedKeys()).isNotEmpty());

        for (int i = 0; i < batches.size(); i++) {
            ReplicaTable interrupted = base.copy();
            batches.subList(0, i + 1).forEach(interrupted);

            interrupted.resume(connector, 4, since, batches.get(i).resumeState());

            assertThat(interrupted.rows()).as("resumed after batch %d", i).isEqualTo(complete.rows());
        }
    }

    @Test
    void seekingTheOldestEventResumesFromEachState() {
        ReplicaTable base = new ReplicaTable("plans").sync(connector, 100);
        fake.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 14; i++) {
            fake.create(Resource.PLANS);
        }
        fake.update(Resource.PLANS, fake.ids(Resource.PLANS).get(0), "nickname", "late change");
        ReplicaTable complete = base.copy().sync(connector, 3);
        assertThat(complete.rowsAsJson()).isEqualTo(expected(fake, Resource.PLANS));

        List<Batch> batches = complete.batches();
        assertThat(batches).extracting(batch -> SyncState.parse(batch.resumeState()).phase())
                .contains(SyncState.Phase.SEEK, SyncState.Phase.EVENTS);
        for (int i = 0; i < batches.size(); i++) {
            ReplicaTable interrupted = base.copy();
            batches.subList(0, i + 1).forEach(interrupted);

            interrupted.resume(connector, 3, Optional.empty(), batches.get(i).resumeState());

            assertThat(interrupted.rows()).as("resumed after batch %d", i).isEqualTo(complete.rows());
        }
    }

    @Test
    void finishedStateAsResumeStateFetchesNothingMore() {
        fake.create(Resource.CHARGES);
        ReplicaTable table = new ReplicaTable("charges").sync(connector, 100);
        int before = fake.requests().size();

        table.resume(connector, 100, Optional.empty(), table.checkpoint().orElseThrow());

        assertThat(fake.requests()).hasSize(before);
    }
}
