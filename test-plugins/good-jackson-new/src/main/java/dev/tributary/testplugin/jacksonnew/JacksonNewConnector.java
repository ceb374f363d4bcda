package dev.tributary.testplugin.jacksonnew;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.PermanentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Uses its own bundled Jackson and reports which version and class loader it got. */
public class JacksonNewConnector extends BaseConnector {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("jackson_new")
                .name("Jackson new")
                .version("1.0.0")
                .description("Serialises a record with its own Jackson " + PackageVersion.VERSION)
                .supportedEntities("versions")
                .build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("jackson " + PackageVersion.VERSION);
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "jackson");
        record.put("jacksonVersion", PackageVersion.VERSION.toString());
        record.put("jacksonLoaderIsPlugin", ObjectMapper.class.getClassLoader() == getClass().getClassLoader());
        record.put("contextLoaderIsPlugin",
                Thread.currentThread().getContextClassLoader() == getClass().getClassLoader());
        try {
            record.put("json", mapper.writeValueAsString(Map.of("answer", 42)));
        } catch (JsonProcessingException e) {
            throw new PermanentException("cannot serialise", e);
        }
        options.onBatch(List.of(record), "done");
    }
}
