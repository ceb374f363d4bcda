package dev.tributary.runtime.typing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Turns source field names into SQL identifiers: snake case ({@code createdAt} → {@code created_at}), accents
 * dropped ({@code café} → {@code cafe}), every other character outside {@code [a-z0-9]} a single {@code _}, no
 * leading or trailing {@code _} (so no field can take a system column's name such as {@code _record}), a name that
 * starts with a digit or is an SQL reserved word prefixed with {@code f_}, an empty result {@code field}. A name over
 * the length limit keeps its start and ends with {@code _} and 8 hex digits of the SHA-256 of the whole name, so
 * long names stay distinct and stable across runs.
 */
final class Identifiers {

    private static final int HASH_LENGTH = 8;
    private static final Set<String> RESERVED = Set.of(
            "all", "and", "any", "as", "asc", "between", "by", "case", "cast", "check", "collate", "column",
            "constraint", "create", "cross", "current_date", "current_time", "current_timestamp", "current_user",
            "default", "delete", "desc", "distinct", "drop", "else", "end", "except", "exists", "false", "fetch",
            "for", "foreign", "from", "full", "grant", "group", "having", "in", "index", "inner", "insert",
            "intersect", "into", "is", "join", "key", "left", "like", "limit", "natural", "not", "null", "offset",
            "on", "or", "order", "outer", "primary", "references", "right", "select", "session_user", "set",
            "some", "table", "then", "to", "true", "union", "unique", "update", "user", "using", "values", "when",
            "where", "with");

    private Identifiers() {
    }

    /** One name segment (a field name) as an identifier of at most {@code maxLength} characters. */
    static String normalise(String raw, int maxLength) {
        String ascii = Normalizer.normalize(raw, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String snake = ascii.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2");
        String name = snake.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (name.isEmpty()) {
            name = "field";
        } else if (Character.isDigit(name.charAt(0)) || RESERVED.contains(name)) {
            name = "f_" + name;
        }
        return fit(name, raw, maxLength);
    }

    /**
     * {@code name} if it has at most {@code maxLength} characters, else its start, {@code _} and the hash of
     * {@code source} (the text the name was made from).
     */
    static String fit(String name, String source, int maxLength) {
        if (name.length() <= maxLength) {
            return name;
        }
        return name.substring(0, maxLength - HASH_LENGTH - 1) + "_" + hash(source);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
