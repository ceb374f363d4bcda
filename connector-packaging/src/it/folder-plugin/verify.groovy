// A plugin with a dependency: one folder with the connector jar and the dependency jar; no SPI, no slf4j-api.
import java.util.zip.ZipFile
import java.util.jar.JarFile

File zip = new File(basedir, 'target/folder-plugin-1.0.0-plugin.zip')
assert zip.isFile()
List<String> entries = new ZipFile(zip).withCloseable { z -> z.entries().collect { it.name } }
assert entries.contains('folder-plugin/folder-plugin-1.0.0.jar')
assert entries.any { it ==~ /folder-plugin\/assertj-core-.*\.jar/ }
assert !entries.any { it.contains('connector-api') } : entries
assert !entries.any { it.contains('slf4j-api') } : entries
assert new File(basedir, 'target/folder-plugin-1.0.0-plugin/folder-plugin/folder-plugin-1.0.0.jar').isFile()
String spi = new JarFile(new File(basedir, 'target/folder-plugin-1.0.0.jar')).withCloseable {
    it.manifest.mainAttributes.getValue('Tributary-Spi-Version')
}
assert spi ==~ /\d+\.\d+/
