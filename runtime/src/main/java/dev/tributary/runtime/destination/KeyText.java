package dev.tributary.runtime.destination;

import java.util.Map;

/**
 * The runtime's name for {@link dev.tributary.destination.support.KeyText}, which its typing package still imports;
 * it goes once those imports name the support class.
 */
public final class KeyText {

    private KeyText() {
    }

    /** See {@link dev.tributary.destination.support.KeyText#of}. */
    public static String of(Map<String, Object> record, String field, String entity) {
        return dev.tributary.destination.support.KeyText.of(record, field, entity);
    }
}
