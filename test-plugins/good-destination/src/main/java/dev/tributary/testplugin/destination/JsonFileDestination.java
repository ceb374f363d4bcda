package dev.tributary.testplugin.destination;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON file per table, {@code {"state": ..., "rows": {key: row}}}, replaced atomically on every batch so rows and
 * state commit together; a full refresh writes a staging file and swaps it in when the entity finishes.
 */
final class JsonFileDestination implements Destination {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path directory;

    JsonFileDestination(Path directory) {
        this.directory = directory;
    }

    @Override
    public String describe() {
        PluginLoaderCheck.require(getClass());
        return "JSON files in " + directory + " (Jackson " + PackageVersion.VERSION + ")";
    }

    /** Each batch rewrites the table's file, so fewer, larger transactions are cheaper. */
    @Override
    public int preferredRecordsPerTransaction() {
        PluginLoaderCheck.require(getClass());
        return 200;
    }

    @Override
    public Optional<SyncState> readState(EntityTable table) {
        PluginLoaderCheck.require(getClass());
        // An unfinished full refresh keeps its latest state with its rows, in the staging file.
        return read(file(table, true)).or(() -> read(file(table, false))).map(TableFile::state);
    }

    @Override
    public EntityWriter openWriter(EntityTable table, SyncState state) {
        PluginLoaderCheck.require(getClass());
        boolean staging = state.mode() == SyncMode.FULL_REFRESH;
        TableFile start = staging && state.position().isEmpty()
                ? new TableFile(state, new LinkedHashMap<>())
                : read(file(table, staging)).orElseGet(() -> new TableFile(state, new LinkedHashMap<>()));
        return new JsonFileWriter(this, table, staging, start);
    }

    @Override
    public void close() {
        PluginLoaderCheck.require(getClass());
    }

    Path file(EntityTable table, boolean staging) {
        return directory.resolve(table.prefix() + "_" + table.entity() + (staging ? ".staging.json" : ".json"));
    }

    Optional<TableFile> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TableFile.fromJson(mapper.readValue(file.toFile(), Map.class)));
        } catch (IOException e) {
            throw new DestinationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void write(Path file, TableFile content) {
        try {
            Files.createDirectories(directory);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            mapper.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), content.toJson());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DestinationException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    void swapIn(EntityTable table) {
        try {
            Files.move(file(table, true), file(table, false), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DestinationException("cannot swap in the refreshed " + table.entity() + ": " + e.getMessage(), e);
        }
    }
}
