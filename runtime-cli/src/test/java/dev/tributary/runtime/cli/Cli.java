package dev.tributary.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process, capturing its output, and installs the reactor's test plugins. */
record Cli(int exitCode, String out, String err) {

    /** Runs the CLI in-process reading environment variables from {@code environment} only. */
    static Cli run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TributaryCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true),
                environment::get);
        return new Cli(code, out.toString(), err.toString());
    }

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TributaryCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    /** Copies the plugin folder (its jar and dependency jars) of test-plugin module {@code module} into {@code pluginsDir}. */
    static Path installFolder(String module, Path pluginsDir) {
        Path source = Path.of(System.getProperty("tributary.testPlugins"), module, "target/plugin", module);
        Path target = pluginsDir.resolve(module);
        try (java.util.stream.Stream<Path> jars = Files.list(source)) {
            Files.createDirectories(target);
            for (Path jar : jars.toList()) {
                Files.copy(jar, target.resolve(jar.getFileName()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("test plugin " + module + " missing; build with mvn verify -am", e);
        }
    }

    /** Copies the jar of test-plugin module {@code module} into {@code pluginsDir}. */
    static Path install(String module, Path pluginsDir) {
        Path jar = Path.of(System.getProperty("tributary.testPlugins"), module, "target/plugin", module,
                module + ".jar");
        try {
            return Files.copy(jar, pluginsDir.resolve(module + ".jar"));
        } catch (IOException e) {
            throw new UncheckedIOException("test plugin " + module + " missing; build with mvn verify -am", e);
        }
    }
}
