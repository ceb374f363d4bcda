package dev.tributary.runtime.crypto;

import java.util.Objects;

/**
 * A text that must never be printed, such as a key given on the command line. {@link #toString()} is {@code ***};
 * the value is read with {@link #reveal()} at the one place that needs it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps {@code value}, never null. */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /** The value itself. Never log, print or put it in an exception message. */
    public String reveal() {
        return value;
    }

    /** Always {@code ***}. */
    @Override
    public String toString() {
        return "***";
    }

    /** Secrets compare by identity, so a comparison cannot become a timing oracle. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
