package dev.tributary.runtime.store;

import dev.tributary.runtime.crypto.EnvironmentKeys;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;

/**
 * A second process for {@link SyncLeasesTest}: takes the sync lease of a data source, records a run, prints
 * {@code HELD <run id>} and holds the lease until its standard input closes (or it is killed).
 *
 * <p>Arguments: the store URL and the data source name; {@code ENCRYPTION_KEY} in the environment.
 */
final class LeaseHolderProcess {

    private LeaseHolderProcess() {
    }

    public static void main(String[] args) throws IOException {
        Clock clock = Clock.systemUTC();
        Store store = Store.open(StoreLocation.parse(args[0]), clock);
        DataSource source = new DataSources(store, EnvironmentKeys.ofSystem()::current, clock, "jdbc:sqlite:x")
                .get(args[1]);
        SyncRuns runs = new SyncRuns(store, clock);
        try (SyncLeases leases = new SyncLeases(store, runs, clock, SyncLeases.DEFAULT_LIFETIME, "child process");
                SyncLease lease = leases.acquire(source, UUID.randomUUID().toString())) {
            runs.start(lease.runId(), source, RunTrigger.CLI);
            System.out.println("HELD " + lease.runId());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lease until the parent closes our input
            }
        }
    }
}
