package dev.tributary.spi.destination;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a destination kind is, as returned by {@link DestinationProvider#metadata()}: enough for
 * {@code tributary destinations}, the API and the web console to list it, and for an error about an unknown URL to
 * name every URL form that is installed.
 *
 * @param id the stable identifier, {@code [a-z][a-z0-9_]*}, e.g. {@code duckdb}
 * @param name the display name, e.g. {@code "DuckDB"}
 * @param urlForms the URL forms it accepts, for people, e.g. {@code "jdbc:duckdb:/path/file.duckdb"}; may be empty
 * @param typedTables whether it writes typed tables from {@link WriteBatch#typed()} (see {@link TypedWrite});
 *     when false the runtime hands it records only, as SPI 1.0 did
 * @since 1.1
 */
public record DestinationMetadata(String id, String name, List<String> urlForms, boolean typedTables) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    public DestinationMetadata {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("destination id '" + id + "' must match [a-z][a-z0-9_]*");
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("destination '" + id + "' needs a non-blank name");
        }
        urlForms = List.copyOf(Objects.requireNonNull(urlForms, "urlForms"));
    }

    /**
     * The metadata of a provider built against SPI 1.0, which declares none: the id and name come from its class's
     * simple name, no URL forms are known and tables are not typed.
     */
    static DestinationMetadata derivedFrom(Class<?> providerClass) {
        String simple = providerClass.getSimpleName().isEmpty() ? "destination" : providerClass.getSimpleName();
        String id = simple.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (!Character.isLetter(id.charAt(0))) {
            id = "d_" + id;
        }
        return new DestinationMetadata(id, simple, List.of(), false);
    }
}
