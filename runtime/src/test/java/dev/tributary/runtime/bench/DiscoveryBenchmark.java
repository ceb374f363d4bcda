package dev.tributary.runtime.bench;

import dev.tributary.runtime.Tributary;
import dev.tributary.spi.SpiVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Measures plugin discovery for 1, 10, 100 and 500 generated plugin jars (not a test; prints a Markdown table).
 * Each generated jar holds one distinct connector class, its service entry, a manifest and 200 padding resources of
 * 1 KiB, so that reading more than the manifest and service entry would show. Two figures per size: discovery
 * ({@code Tributary.build()}: list folders, read manifests and service entries) and the first listing (load each
 * connector class, instantiate it, read its metadata). Best of several runs after a warm-up: on a shared machine
 * the fastest run is the one least disturbed by other processes.
 *
 * <p>Run: {@code mvn -B -q -pl runtime -am -DskipTests -Pdiscovery-benchmark verify}
 */
public final class DiscoveryBenchmark {

    private static final int[] SIZES = {1, 10, 100, 500};
    private static final int RUNS = 9;
    private static final int PADDING_ENTRIES = 200;

    private DiscoveryBenchmark() {
    }

    /** Generates the plugins in a temporary folder, measures, prints the table and deletes the folder. */
    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("tributary-discovery-bench");
        try {
            Path classes = compileConnectors(work, SIZES[SIZES.length - 1]);
            System.out.println("| plugins | discovery (ms) | per plugin (ms) | first listing (ms) | per plugin (ms) |");
            System.out.println("|--------:|---------------:|----------------:|-------------------:|----------------:|");
            for (int size : SIZES) {
                Path plugins = Files.createDirectories(work.resolve("plugins-" + size));
                for (int i = 0; i < size; i++) {
                    writePluginJar(classes, i, plugins.resolve(String.format("plugin-%04d.jar", i)));
                }
                measure(plugins, 2);
                double[] best = measure(plugins, RUNS);
                System.out.printf("| %d | %.1f | %.3f | %.1f | %.3f |%n", size, best[0], best[0] / size,
                        best[1], best[1] / size);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** The best discovery and first-listing times over {@code runs} fresh runtimes. */
    private static double[] measure(Path plugins, int runs) {
        double[] discovery = new double[runs];
        double[] listing = new double[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            try (Tributary tributary = Tributary.builder().home(plugins.getParent()).pluginsDir(plugins)
                    .classpathDiscovery(false).build()) {
                long discovered = System.nanoTime();
                int count = tributary.registry().connectors().size();
                long listed = System.nanoTime();
                if (count == 0) {
                    throw new IllegalStateException("no connector loaded from " + plugins);
                }
                discovery[run] = (discovered - start) / 1e6;
                listing[run] = (listed - discovered) / 1e6;
            }
        }
        return new double[] {Arrays.stream(discovery).min().orElseThrow(), Arrays.stream(listing).min().orElseThrow()};
    }

    private static Path compileConnectors(Path work, int count) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/bench"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = sources.resolve("Connector" + i + ".java");
            Files.writeString(file, """
                    package bench;
                    public class Connector%1$d extends dev.tributary.spi.BaseConnector {
                        public dev.tributary.spi.ConnectorMetadata getMetadata() {
                            return dev.tributary.spi.ConnectorMetadata.builder("bench_%1$d")
                                    .supportedEntities("items").build();
                        }
                        public dev.tributary.spi.ConnectionTestResult testConnection() {
                            return dev.tributary.spi.ConnectionTestResult.success("ok");
                        }
                        public void fetchEntity(dev.tributary.spi.FetchOptions options) {
                        }
                    }
                    """.formatted(i));
            files.add(file.toString());
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path") + java.io.File.pathSeparator + spiLocation()));
        arguments.addAll(files);
        if (compiler.run(null, null, null, arguments.toArray(new String[0])) != 0) {
            throw new IllegalStateException("cannot compile the benchmark connectors");
        }
        return classes;
    }

    private static String spiLocation() {
        try {
            return Path.of(SpiVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePluginJar(Path classes, int index, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(SpiVersion.MANIFEST_ATTRIBUTE, SpiVersion.CURRENT);
        byte[] padding = new byte[1024];
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.tributary.spi.BaseConnector"));
            out.write(("bench.Connector" + index + "\n").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("bench/Connector" + index + ".class"));
            out.write(Files.readAllBytes(classes.resolve("bench/Connector" + index + ".class")));
            for (int i = 0; i < PADDING_ENTRIES; i++) {
                out.putNextEntry(new JarEntry("bench/data/resource" + i + ".bin"));
                out.write(padding);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
