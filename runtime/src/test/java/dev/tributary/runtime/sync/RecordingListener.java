package dev.tributary.runtime.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event of a sync; thread-safe. */
final class RecordingListener implements SyncListener {

    private final List<EntityProgress> progress = new CopyOnWriteArrayList<>();
    private final List<EntityResult> finished = new CopyOnWriteArrayList<>();

    @Override
    public void onProgress(EntityProgress event) {
        progress.add(event);
    }

    @Override
    public void onEntityFinished(EntityResult result) {
        finished.add(result);
    }

    List<EntityProgress> progress() {
        return List.copyOf(progress);
    }

    List<EntityStatus> statuses(String entity) {
        return progress.stream().filter(p -> p.entity().equals(entity)).map(EntityProgress::status).distinct()
                .toList();
    }

    List<EntityResult> finished() {
        return List.copyOf(finished);
    }
}
