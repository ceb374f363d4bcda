package dev.tributary.destination.duckdb;

import dev.tributary.runtime.sync.EntityProgress;
import dev.tributary.runtime.sync.EntityStatus;
import dev.tributary.runtime.sync.SyncListener;
import java.nio.file.Path;

/**
 * The process {@link DuckDbSyncCrashTest} kills: syncs generation {@code args[1]} of {@link CrashItems} into the
 * DuckDB file {@code args[0]}, printing {@code committed <records>} after every commit. The source hands over a page
 * only when at most {@link #AHEAD} pages are not committed yet, so the runtime merges a few batches per transaction
 * (DuckDB asks for up to 4,000 records) and the sync takes many commits to kill between.
 */
final class SyncCrashChild {

    static final int AHEAD = 3;

    private static long committed;

    private SyncCrashChild() {
    }

    public static void main(String[] args) {
        CrashItems items = new CrashItems(Integer.parseInt(args[1]));
        items.beforePage(SyncCrashChild::awaitCommitsBefore);
        CrashSync.run(items, Path.of(args[0]), new SyncListener() {
            @Override
            public void onProgress(EntityProgress progress) {
                if (progress.status() == EntityStatus.RUNNING && progress.records() > 0) {
                    System.out.println("committed " + progress.records());
                    System.out.flush();
                    synchronized (SyncCrashChild.class) {
                        committed = progress.records();
                        SyncCrashChild.class.notifyAll();
                    }
                }
            }
        });
        System.out.println("finished");
    }

    private static synchronized void awaitCommitsBefore(int page) {
        long needed = (long) (page - 1 - AHEAD) * CrashSync.SETTINGS.batchSize();
        while (committed < needed) {
            try {
                SyncCrashChild.class.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a commit", e);
            }
        }
    }
}
