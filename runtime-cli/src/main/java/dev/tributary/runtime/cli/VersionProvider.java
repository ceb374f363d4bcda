package dev.tributary.runtime.cli;

import dev.tributary.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Answers {@code tributary --version} with the build's version and the connector SPI version it implements. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"tributary " + properties.getProperty("version", "unknown") + " (connector SPI "
                + SpiVersion.CURRENT + ")"};
    }
}
