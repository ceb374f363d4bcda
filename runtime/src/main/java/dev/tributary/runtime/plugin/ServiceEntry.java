package dev.tributary.runtime.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link java.util.ServiceLoader} provider-configuration files through which a plugin declares its connectors
 * and its destinations: one fully qualified class name per line, {@code #} starts a comment.
 */
final class ServiceEntry {

    /** The resource name of the connector service entry. */
    static final String RESOURCE = "META-INF/services/dev.tributary.spi.BaseConnector";

    /** The resource name of the destination service entry. */
    static final String DESTINATION_RESOURCE = "META-INF/services/dev.tributary.spi.destination.DestinationProvider";

    private ServiceEntry() {
    }

    /** Reads the class names from a service entry, in order, without duplicates; closes the stream. */
    static List<String> classNames(InputStream in) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }
}
