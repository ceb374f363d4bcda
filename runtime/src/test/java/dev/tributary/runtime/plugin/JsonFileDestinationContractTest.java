package dev.tributary.runtime.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.TestPlugins;
import dev.tributary.spi.destination.DestinationProvider;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.testkit.DestinationContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test plugin {@code good-destination} (URL form {@code jsonfile:DIRECTORY}), loaded from a plugins folder in its
 * own class loader, keeps the testkit's destination contract: a destination plugin is checked the way its author
 * would check it, through the provider the runtime calls.
 */
class JsonFileDestinationContractTest extends DestinationContract {

    private static final Set<String> SYSTEM_COLUMNS = Set.of("_synced_at", "_data_source", "_deleted_at");

    @TempDir
    static Path plugins;
    private static PluginRegistry registry;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void loadPlugin() {
        TestPlugins.installFolder("good-destination", plugins);
        registry = Registries.open(plugins);
    }

    @AfterAll
    static void closeRegistry() {
        registry.close();
    }

    @Override
    protected DestinationProvider provider() {
        return registry.destinations().get(0).provider();
    }

    @Override
    protected String destinationUrl(Path directory) {
        return "jsonfile:" + directory.resolve("warehouse");
    }

    /** Reads {@code <prefix>_<entity>.json}: {@code {"state": .., "rows": {key: record plus system columns}}}. */
    @Override
    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> readRows(String url, EntityTable table) throws Exception {
        Path file = Path.of(url.substring("jsonfile:".length())).resolve(table.prefix() + "_" + table.entity()
                + ".json");
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, Map<String, Object>> rows = (Map<String, Map<String, Object>>) json.readValue(file.toFile(),
                Map.class).get("rows");
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> stored : rows.values()) {
            Map<String, Object> record = new LinkedHashMap<>(stored);
            record.keySet().removeAll(SYSTEM_COLUMNS);
            Map<String, Object> row = new LinkedHashMap<>();
            table.primaryKey().forEach(field -> row.put(field, stored.get(field)));
            row.put("_record", record);
            SYSTEM_COLUMNS.forEach(column -> row.put(column, stored.get(column)));
            result.add(row);
        }
        return result;
    }
}
