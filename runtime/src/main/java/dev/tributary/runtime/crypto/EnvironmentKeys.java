package dev.tributary.runtime.crypto;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Reads the encryption keys from environment variables when they are needed, so commands that decrypt nothing
 * work without a key: {@value #CURRENT} for everything, {@value #PREVIOUS} for key rotation only.
 *
 * <p>Thread-safe if the environment function is.
 */
public final class EnvironmentKeys {

    /** The variable holding the key configuration is sealed with. */
    public static final String CURRENT = "ENCRYPTION_KEY";
    /** The variable holding the key being rotated away from. */
    public static final String PREVIOUS = "ENCRYPTION_KEY_PREVIOUS";

    private final UnaryOperator<String> environment;

    /** Reads variables through {@code environment}, which returns null for an unset variable. */
    public EnvironmentKeys(UnaryOperator<String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Reads the process environment. */
    public static EnvironmentKeys ofSystem() {
        return new EnvironmentKeys(System::getenv);
    }

    /**
     * The key in {@value #CURRENT}.
     *
     * @throws MissingKeyException when it is unset
     * @throws MalformedKeyException when it is not a 32-byte key
     */
    public EncryptionKey current() {
        return EncryptionKey.parse(CURRENT, environment.apply(CURRENT));
    }

    /**
     * The key in {@value #PREVIOUS}.
     *
     * @throws MissingKeyException when it is unset
     * @throws MalformedKeyException when it is not a 32-byte key
     */
    public EncryptionKey previous() {
        return EncryptionKey.parse(PREVIOUS, environment.apply(PREVIOUS));
    }
}
