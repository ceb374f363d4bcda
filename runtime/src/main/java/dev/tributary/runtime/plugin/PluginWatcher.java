package dev.tributary.runtime.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches plugins folders (and the plugin folders inside them) and calls back once things have settled after a
 * change. Runs one daemon thread; {@link #close()} stops it.
 *
 * <p>Events arriving within {@link #QUIET_PERIOD_MILLIS} of each other are handled as one change, so a jar being
 * copied is usually read once it is complete. Copy a plugin elsewhere and move it into the folder to be sure; a jar
 * read half-written is reported broken and reloaded when its last write arrives.
 */
final class PluginWatcher implements AutoCloseable {

    static final long QUIET_PERIOD_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(PluginWatcher.class);

    private final WatchService service;
    private final Runnable onChange;
    private final Thread thread;

    private PluginWatcher(WatchService service, Runnable onChange) {
        this.service = service;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "tributary-plugin-watcher");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching {@code folders}; {@code onChange} runs on the watcher thread after each settled change.
     *
     * @throws UncheckedIOException when a folder cannot be watched
     */
    static PluginWatcher start(List<Path> folders, Runnable onChange) {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            PluginWatcher watcher = new PluginWatcher(service, onChange);
            for (Path folder : folders) {
                watcher.register(folder);
            }
            watcher.thread.start();
            return watcher;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch plugins folders " + folders, e);
        }
    }

    private void register(Path folder) throws IOException {
        folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                register(child);
            }
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                handle(key);
                WatchKey more;
                while ((more = service.poll(QUIET_PERIOD_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    handle(more);
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.warn("reloading plugins failed; will retry on the next change", e);
                }
            }
        } catch (ClosedWatchServiceException e) {
            // close() was called: stop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(WatchKey key) {
        Path folder = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            if (event.context() instanceof Path name) {
                Path child = folder.resolve(name);
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                    try {
                        register(child);
                    } catch (IOException e) {
                        LOG.warn("cannot watch new plugin folder {}", child, e);
                    }
                }
            }
        }
        key.reset();
    }

    /** Stops the watcher thread and waits for it to end. */
    @Override
    public void close() {
        try {
            service.close();
            if (Thread.currentThread() != thread) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop watching plugins folders", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
