package dev.tributary.runtime.typing;

import dev.tributary.spi.config.SchemaContract;
import dev.tributary.spi.config.Settings;
import java.util.Objects;

/**
 * How records become typed rows.
 *
 * @param maxDepth nested objects are flattened to {@code parent__child} columns up to this many levels (a top-level
 *     field is level 1); a deeper object is kept whole as a JSON column; at least 1
 * @param maxObjectKeys an undeclared object with more keys than this is kept whole as a JSON column instead of one
 *     column per key, so free-form maps such as {@code metadata} do not add thousands of columns; at least 1
 * @param maxIdentifierLength the destination's longest table or column name; at least 16
 * @param keepRawRecord whether entity rows carry the raw record as {@code _record} JSON text
 * @param contract what a batch that would change a table that already has columns does
 */
public record TypingSettings(int maxDepth, int maxObjectKeys, int maxIdentifierLength, boolean keepRawRecord,
        SchemaContract contract) {

    /** The default flattening depth. */
    public static final int DEFAULT_MAX_DEPTH = 3;
    /** The default key cap for undeclared objects. */
    public static final int DEFAULT_MAX_OBJECT_KEYS = 100;

    public TypingSettings {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("max depth must be at least 1, got " + maxDepth);
        }
        if (maxObjectKeys < 1) {
            throw new IllegalArgumentException("max object keys must be at least 1, got " + maxObjectKeys);
        }
        if (maxIdentifierLength < 16) {
            throw new IllegalArgumentException("identifier length must be at least 16, got " + maxIdentifierLength);
        }
        Objects.requireNonNull(contract, "contract");
    }

    /** Settings under the {@link SchemaContract#EVOLVE} contract. */
    public TypingSettings(int maxDepth, int maxObjectKeys, int maxIdentifierLength, boolean keepRawRecord) {
        this(maxDepth, maxObjectKeys, maxIdentifierLength, keepRawRecord, SchemaContract.EVOLVE);
    }

    /** The defaults for a destination with identifiers of up to {@code maxIdentifierLength} characters. */
    public static TypingSettings defaults(int maxIdentifierLength) {
        return new TypingSettings(DEFAULT_MAX_DEPTH, DEFAULT_MAX_OBJECT_KEYS, maxIdentifierLength, true);
    }

    /**
     * A data source's typing settings ({@code max_nesting_depth}, {@code keep_raw_record}, {@code schema_contract})
     * for a destination with identifiers of up to {@code maxIdentifierLength} characters.
     */
    public static TypingSettings of(Settings settings, int maxIdentifierLength) {
        return new TypingSettings(settings.maxNestingDepth(), DEFAULT_MAX_OBJECT_KEYS, maxIdentifierLength,
                settings.keepRawRecord(), settings.schemaContract());
    }

    /** A copy under another contract. */
    public TypingSettings withContract(SchemaContract value) {
        return new TypingSettings(maxDepth, maxObjectKeys, maxIdentifierLength, keepRawRecord, value);
    }
}
