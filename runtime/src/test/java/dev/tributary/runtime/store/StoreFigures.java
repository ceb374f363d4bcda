package dev.tributary.runtime.store;

import dev.tributary.runtime.crypto.EncryptionKey;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.config.ConfigSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Measures the store for {@code docs/data-sources.md}: creating N data sources one by one, listing (decrypting)
 * them, and rotating the key over all of them, on SQLite and on an embedded PostgreSQL. Not a test; run it with
 * {@code java ... dev.tributary.runtime.store.StoreFigures 1000} (see the docs for the class path).
 */
final class StoreFigures {

    private StoreFigures() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Path folder = Files.createTempDirectory("tributary-store-figures");
        measure("sqlite", StoreLocation.defaultIn(folder), count);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            measure("postgresql", StoreLocation.parse("postgresql://postgres:postgres@localhost:"
                    + postgres.getPort() + "/postgres"), count);
        }
    }

    private static void measure(String backend, StoreLocation location, int count) {
        ConfigSchema schema = new ConfigSchema(List.of(
                ConfigField.builder("api_key", ConfigFieldType.STRING).required().secret().build()));
        EncryptionKey first = EncryptionKey.generate(new SecureRandom());
        EncryptionKey second = EncryptionKey.generate(new SecureRandom());
        Clock clock = Clock.systemUTC();
        DataSources sources = new DataSources(Store.open(location, clock), () -> first, clock, "jdbc:sqlite:w.db");
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            sources.create(DataSourceDraft.of("s" + i, "demo", Map.of("api_key", "key" + i)), schema);
        }
        long created = System.nanoTime();
        int listed = sources.list().size();
        long read = System.nanoTime();
        KeyRotation rotation = sources.rotateKey(first, second);
        long rotated = System.nanoTime();
        System.out.printf("%s: create %d: %.0f ms (%.2f ms each); list %d: %.0f ms; rotate %d: %.0f ms%n", backend,
                count, (created - start) / 1e6, (created - start) / 1e6 / count, listed, (read - created) / 1e6,
                rotation.reEncrypted(), (rotated - read) / 1e6);
    }
}
