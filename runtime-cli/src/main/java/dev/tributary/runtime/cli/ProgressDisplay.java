package dev.tributary.runtime.cli;

import dev.tributary.runtime.sync.EntityProgress;
import dev.tributary.runtime.sync.EntityStatus;
import dev.tributary.runtime.sync.SyncListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Shows sync progress on standard error: on a terminal, a live bar per running entity redrawn in place; otherwise
 * plain lines, one per entity every {@code interval} and at every change of state (retrying, rate limited, done).
 * The data source's request budget is printed when the sync starts and whenever the server's stated allowance
 * changes it.
 *
 * <p>Thread-safe: events from several entity threads are serialised.
 */
final class ProgressDisplay implements SyncListener {

    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_MILLIS = 150;

    private final PrintWriter err;
    private final boolean terminal;
    private final long intervalMillis;
    private final LongSupplier millis;
    private final Map<String, EntityProgress> latest = new LinkedHashMap<>();
    private final Map<String, Long> lastLine = new LinkedHashMap<>();
    private int drawnLines;
    private long lastDraw;

    ProgressDisplay(PrintWriter err, boolean terminal, Duration interval, LongSupplier millis) {
        this.err = err;
        this.terminal = terminal;
        this.intervalMillis = interval.toMillis();
        this.millis = millis;
    }

    @Override
    public synchronized void onProgress(EntityProgress progress) {
        EntityProgress previous = latest.put(progress.entity(), progress);
        boolean changed = previous == null || previous.status() != progress.status();
        long now = millis.getAsLong();
        if (terminal) {
            if (changed || now - lastDraw >= REDRAW_MILLIS) {
                redraw();
                lastDraw = now;
            }
            return;
        }
        Long last = lastLine.get(progress.entity());
        if (progress.status() != EntityStatus.PENDING && (changed || last == null || now - last >= intervalMillis)) {
            err.println("sync: " + line(progress));
            err.flush();
            lastLine.put(progress.entity(), now);
        }
    }

    /** Prints the source's request budget on a line of its own, above the live bars on a terminal. */
    @Override
    public synchronized void onBudget(String description) {
        finish();
        err.println("sync: request budget " + description);
        err.flush();
        if (terminal && !latest.isEmpty()) {
            redraw();
        }
    }

    /** Clears the live lines before the summary is printed. */
    synchronized void finish() {
        if (terminal && drawnLines > 0) {
            err.print("\033[" + drawnLines + "A\033[J");
            err.flush();
            drawnLines = 0;
        }
    }

    private void redraw() {
        StringBuilder out = new StringBuilder();
        if (drawnLines > 0) {
            out.append("\033[").append(drawnLines).append('A');
        }
        int lines = 0;
        for (EntityProgress progress : latest.values()) {
            if (progress.status() == EntityStatus.PENDING) {
                continue;
            }
            out.append("\033[2K").append(bar(progress)).append(' ').append(line(progress)).append('\n');
            lines++;
        }
        out.append("\033[J");
        err.print(out);
        err.flush();
        drawnLines = lines;
    }

    private static String bar(EntityProgress progress) {
        if (progress.total().isEmpty() || progress.total().getAsLong() <= 0) {
            return "[" + (progress.status().isTerminal() ? "#".repeat(BAR_WIDTH) : " ".repeat(BAR_WIDTH)) + "]";
        }
        double done = Math.min(1.0, (double) progress.records() / progress.total().getAsLong());
        int filled = (int) Math.round(done * BAR_WIDTH);
        return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "]";
    }

    static String line(EntityProgress progress) {
        StringBuilder text = new StringBuilder(progress.entity()).append(' ')
                .append(progress.status().name().toLowerCase().replace('_', '-')).append(' ')
                .append(progress.records());
        progress.total().ifPresent(total -> text.append('/').append(total));
        text.append(" records");
        if (progress.discarded() > 0) {
            text.append(" written, ").append(progress.discarded()).append(" discarded (schema contract)");
        }
        if (progress.deletions() > 0) {
            text.append(", ").append(progress.deletions()).append(" deletions");
        }
        text.append(String.format(" (%.0f/s", progress.recordsPerSecond()));
        progress.eta().ifPresent(eta -> text.append(", ETA ").append(formatDuration(eta)));
        text.append(')');
        if (!progress.detail().isBlank()) {
            text.append(": ").append(progress.detail());
        }
        return text.toString();
    }

    static String formatDuration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
