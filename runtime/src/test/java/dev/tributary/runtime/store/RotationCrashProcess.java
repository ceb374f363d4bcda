package dev.tributary.runtime.store;

import dev.tributary.runtime.crypto.EnvironmentKeys;
import java.time.Clock;

/**
 * A process for {@link KeyRotationTest} that dies like {@code kill -9} in the middle of a key rotation: it rotates
 * from {@code ENCRYPTION_KEY_PREVIOUS} to {@code ENCRYPTION_KEY} and halts the JVM (exit 137, no shutdown hooks, no
 * rollback) right after re-encrypting the second data source.
 *
 * <p>Argument: the store URL.
 */
final class RotationCrashProcess {

    private RotationCrashProcess() {
    }

    public static void main(String[] args) {
        Clock clock = Clock.systemUTC();
        EnvironmentKeys keys = EnvironmentKeys.ofSystem();
        DataSources sources = new DataSources(Store.open(StoreLocation.parse(args[0]), clock), keys::previous, clock,
                "jdbc:sqlite:w.db");
        sources.rotateKey(keys.previous(), keys.current(), row -> {
            if (row == 2) {
                Runtime.getRuntime().halt(137);
            }
        });
    }
}
