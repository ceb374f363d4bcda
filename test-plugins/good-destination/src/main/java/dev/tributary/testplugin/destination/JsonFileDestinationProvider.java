package dev.tributary.testplugin.destination;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationMetadata;
import dev.tributary.spi.destination.DestinationProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Accepts {@code jsonfile:DIRECTORY}; every call checks it runs with this plugin's context class loader. */
public class JsonFileDestinationProvider implements DestinationProvider {

    static final String PREFIX = "jsonfile:";

    @Override
    public boolean accepts(String url) {
        PluginLoaderCheck.require(getClass());
        return url.startsWith(PREFIX);
    }

    @Override
    public Destination open(String url, UnaryOperator<String> environment) {
        PluginLoaderCheck.require(getClass());
        return new JsonFileDestination(Path.of(url.substring(PREFIX.length())));
    }

    @Override
    public DestinationMetadata metadata() {
        PluginLoaderCheck.require(getClass());
        return new DestinationMetadata("jsonfile", "JSON files (test plugin)", List.of("jsonfile:DIRECTORY"), false);
    }
}
