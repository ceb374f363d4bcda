package dev.tributary.runtime.typing;

/**
 * How records become typed rows.
 *
 * @param maxDepth nested objects are flattened to {@code parent__child} columns up to this many levels (a top-level
 *     field is level 1); a deeper object is kept whole as a JSON column; at least 1
 * @param maxObjectKeys an undeclared object with more keys than this is kept whole as a JSON column instead of one
 *     column per key, so free-form maps such as {@code metadata} do not add thousands of columns; at least 1
 * @param maxIdentifierLength the destination's longest table or column name; at least 16
 * @param keepRawRecord whether entity rows carry the raw record as {@code _record} JSON text
 */
public record TypingSettings(int maxDepth, int maxObjectKeys, int maxIdentifierLength, boolean keepRawRecord) {

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
    }

    /** The defaults for a destination with identifiers of up to {@code maxIdentifierLength} characters. */
    public static TypingSettings defaults(int maxIdentifierLength) {
        return new TypingSettings(DEFAULT_MAX_DEPTH, DEFAULT_MAX_OBJECT_KEYS, maxIdentifierLength, true);
    }
}
