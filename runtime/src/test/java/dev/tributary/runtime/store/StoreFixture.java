package dev.tributary.runtime.store;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands each test a fresh store location on either backend: a SQLite file in the test's temporary folder, or a new
 * database in the shared embedded PostgreSQL. Register with {@code @RegisterExtension}.
 */
final class StoreFixture implements BeforeEachCallback {

    private ExtensionContext context;

    @Override
    public void beforeEach(ExtensionContext extensionContext) {
        this.context = extensionContext;
    }

    /** A fresh, empty store location on {@code backend}; SQLite files go under {@code folder}. */
    StoreLocation location(Backend backend, Path folder) {
        return switch (backend) {
            case SQLITE -> StoreLocation.defaultIn(folder.resolve("home-" + UUID.randomUUID()));
            case POSTGRESQL -> StoreLocation.parse(PostgresServer.shared(context).freshDatabase());
        };
    }
}
