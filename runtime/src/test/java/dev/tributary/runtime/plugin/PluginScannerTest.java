package dev.tributary.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginScannerTest {

    @TempDir
    Path plugins;

    @Test
    void eachJarIsAPluginAndEachFolderAPluginOfAllItsJars() throws Exception {
        Path single = Files.writeString(plugins.resolve("b-single.jar"), "");
        Path folder = Files.createDirectories(plugins.resolve("a-folder"));
        Path main = Files.writeString(folder.resolve("main.jar"), "");
        Path nested = Files.writeString(Files.createDirectories(folder.resolve("lib")).resolve("dep.jar"), "");
        Files.writeString(folder.resolve("README.txt"), "");

        List<PluginLocation> found = new PluginScanner().scan(plugins);

        assertThat(found).containsExactly(
                new PluginLocation(folder, PluginLocation.Kind.FOLDER, List.of(nested, main)),
                new PluginLocation(single, PluginLocation.Kind.JAR, List.of(single)));
    }

    @Test
    void ignoresHiddenEntriesAndOtherFiles() throws Exception {
        Files.writeString(plugins.resolve(".partial.jar"), "");
        Files.createDirectories(plugins.resolve(".cache"));
        Files.writeString(plugins.resolve("notes.txt"), "");

        assertThat(new PluginScanner().scan(plugins)).isEmpty();
    }
}
