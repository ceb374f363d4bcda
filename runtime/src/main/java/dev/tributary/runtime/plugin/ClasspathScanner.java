package dev.tributary.runtime.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Finds connectors declared on the application class path — the embedding application's own connectors — through
 * their service entries. Each jar or classes directory with a service entry is one class-path plugin; its classes
 * load in the application's class loader, not an isolated one. Stateless and thread-safe.
 */
final class ClasspathScanner {

    /**
     * Lists the class-path plugins visible to {@code loader}, in class-path order.
     *
     * @throws UncheckedIOException when a service entry cannot be read
     */
    List<PluginDescriptor> scan(ClassLoader loader) {
        List<PluginDescriptor> plugins = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(ServiceEntry.RESOURCE))) {
                Path path = origin(url);
                List<String> classNames;
                URLConnection connection = url.openConnection();
                connection.setUseCaches(false);
                try (InputStream in = connection.getInputStream()) {
                    classNames = ServiceEntry.classNames(in);
                }
                if (!classNames.isEmpty()) {
                    PluginLocation location = new PluginLocation(path, PluginLocation.Kind.CLASSPATH, List.of(path));
                    plugins.add(new PluginDescriptor(location, classNames, Optional.empty()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read connector service entries from the class path", e);
        }
        return plugins;
    }

    /** The jar or directory a service entry URL points into. */
    private static Path origin(URL url) throws IOException {
        try {
            if ("jar".equals(url.getProtocol())) {
                URLConnection connection = url.openConnection();
                if (connection instanceof JarURLConnection jar) {
                    return Path.of(jar.getJarFileURL().toURI());
                }
            }
            if ("file".equals(url.getProtocol())) {
                Path file = Path.of(url.toURI());
                // Strip META-INF/services/<name> to get the classes directory.
                return file.getParent().getParent().getParent();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot locate " + url, e);
        }
        return Path.of(url.toString());
    }
}
