package dev.tributary.spi.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configuration fields a connector accepts, in display order. The runtime validates every data source's
 * configuration against it (missing required fields, unknown fields, malformed values) before the connector sees it.
 *
 * @param fields the fields; names are unique
 * @since 1.0
 */
public record ConfigSchema(List<ConfigField> fields) {

    /** A schema with no fields. */
    public static final ConfigSchema EMPTY = new ConfigSchema(List.of());

    public ConfigSchema {
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
        Set<String> names = new HashSet<>();
        for (ConfigField field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("config field '" + field.name() + "' is declared twice");
            }
        }
    }

    /** The field with the given name, if declared. */
    public Optional<ConfigField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The names of the fields marked secret. */
    public Set<String> secretFieldNames() {
        return fields.stream().filter(ConfigField::secret).map(ConfigField::name).collect(Collectors.toUnmodifiableSet());
    }
}
