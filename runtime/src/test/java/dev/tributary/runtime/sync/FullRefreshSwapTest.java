package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Readers of a table being fully refreshed see the old table or the new one, never an empty or partial one. */
class FullRefreshSwapTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void concurrentReaderSeesTheOldOrTheNewTableOnly(String database) throws Exception {
        SyncHarness harness = database.equals("sqlite") ? Databases.sqlite(directory)
                : POSTGRES.harness("swap");
        ItemSource tags = ItemSource.of(100);
        harness.sync(new ItemsConnector(ItemSource.of(0), tags), SyncHarness.request("tags"), SyncListener.NONE,
                new CancelHandle());
        for (int id = 1; id <= 37; id++) {
            tags.remove(id);
        }
        List<String> seen = new CopyOnWriteArrayList<>();
        ItemsConnector connector = new ItemsConnector(ItemSource.of(0), tags);
        // Between pages, committed batches sit in the staging table; the reader must not see them.
        connector.beforePage(page -> seen.add(count(harness)));
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch readerStarted = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                seen.add(count(harness));
                readerStarted.countDown();
            }
        });
        reader.start();
        assertThat(readerStarted.await(30, TimeUnit.SECONDS)).isTrue();

        SyncResult result = harness.sync(connector, SyncHarness.request("tags"), SyncListener.NONE,
                new CancelHandle());
        done.set(true);
        reader.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(result.succeeded()).isTrue();
        assertThat(seen).isNotEmpty();
        assertThat(Set.copyOf(seen)).isSubsetOf("100", "63");
        assertThat(count(harness)).isEqualTo("63");
    }

    private static String count(SyncHarness harness) {
        return harness.query("SELECT count(*), 0 FROM src_tags").keySet().iterator().next();
    }
}
