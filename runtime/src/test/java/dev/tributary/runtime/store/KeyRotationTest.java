package dev.tributary.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.crypto.EncryptionKey;
import dev.tributary.runtime.crypto.WrongKeyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyRotationTest {

    private static final String WAREHOUSE = "jdbc:sqlite:/tmp/warehouse.db";

    @RegisterExtension
    final StoreFixture stores = new StoreFixture();

    @TempDir
    Path folder;

    private final Clock clock = Clock.systemUTC();
    private final EncryptionKey oldKey = EncryptionKey.generate(new SecureRandom());
    private final EncryptionKey newKey = EncryptionKey.generate(new SecureRandom());
    private final AtomicReference<EncryptionKey> currentKey = new AtomicReference<>(oldKey);

    private StoreLocation location;
    private Store store;
    private DataSources sources;

    private void createThree(Backend backend) {
        location = stores.location(backend, folder);
        store = Store.open(location, clock);
        sources = new DataSources(store, currentKey::get, clock, WAREHOUSE);
        for (String name : List.of("alpha", "beta", "gamma")) {
            sources.create(DataSourceDraft.of(name, "demo", Map.of("api_key", "secret-of-" + name)),
                    DataSourcesTest.SCHEMA);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reEncryptsEverySourceUnderTheNewKey(Backend backend) {
        createThree(backend);

        KeyRotation rotation = sources.rotateKey(oldKey, newKey);

        assertThat(rotation).isEqualTo(new KeyRotation(3, 0));
        currentKey.set(newKey);
        assertThat(sources.list()).extracting(source -> source.config().asMap().get("api_key"))
                .containsExactly("secret-of-alpha", "secret-of-beta", "secret-of-gamma");
        currentKey.set(oldKey);
        assertThatThrownBy(() -> sources.get("alpha")).isInstanceOf(WrongKeyException.class);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCrashMidwayLeavesEverySourceUnderTheOldKey(Backend backend) {
        createThree(backend);
        List<String> before = sealedValues();

        assertThatThrownBy(() -> sources.rotateKey(oldKey, newKey, row -> {
            if (row == 2) {
                throw new IllegalStateException("simulated crash after 2 rows");
            }
        })).hasMessageContaining("simulated crash");

        assertThat(sealedValues()).isEqualTo(before);
        assertThat(sources.list()).extracting(DataSource::name).containsExactly("alpha", "beta", "gamma");
        assertThat(sources.rotateKey(oldKey, newKey)).isEqualTo(new KeyRotation(3, 0));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aProcessKilledMidwayLeavesEverySourceUnderTheOldKey(Backend backend) throws Exception {
        createThree(backend);
        List<String> before = sealedValues();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), RotationCrashProcess.class.getName(),
                location.jdbcUrl()).redirectErrorStream(true).redirectOutput(folder.resolve("child.log").toFile());
        builder.environment().put("ENCRYPTION_KEY_PREVIOUS", oldKey.toHex().reveal());
        builder.environment().put("ENCRYPTION_KEY", newKey.toHex().reveal());
        Process child = builder.start();

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(folder.resolve("child.log"))).isEqualTo(137);
        assertThat(sealedValues()).isEqualTo(before);
        assertThat(sources.list()).extracting(source -> source.config().asMap().get("api_key"))
                .containsExactly("secret-of-alpha", "secret-of-beta", "secret-of-gamma");
        assertThat(sources.rotateKey(oldKey, newKey)).isEqualTo(new KeyRotation(3, 0));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void runningItAgainSkipsSourcesAlreadyUnderTheNewKey(Backend backend) {
        createThree(backend);
        sources.rotateKey(oldKey, newKey);

        assertThat(sources.rotateKey(oldKey, newKey)).isEqualTo(new KeyRotation(0, 3));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWrongPreviousKeyChangesNothing(Backend backend) {
        createThree(backend);
        List<String> before = sealedValues();
        EncryptionKey stranger = EncryptionKey.generate(new SecureRandom());

        assertThatThrownBy(() -> sources.rotateKey(stranger, newKey))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("data source 'alpha'");
        assertThat(sealedValues()).isEqualTo(before);
    }

    private List<String> sealedValues() {
        return store.inTransaction("read sealed", connection -> {
            List<String> values = new ArrayList<>();
            try (var rows = connection.createStatement().executeQuery(
                    "SELECT config FROM data_sources ORDER BY name")) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        });
    }
}
