package dev.tributary.spi;

import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a connector is, as returned by {@link BaseConnector#getMetadata()}: enough for a CLI listing, a web gallery
 * and a generated configuration form. Building it must not touch the network.
 *
 * @param id the stable identifier, {@code [a-z][a-z0-9_]*}; it prefixes table names of ad-hoc syncs, so never change
 *     it once released
 * @param name the display name, e.g. {@code "Stripe"}
 * @param version the connector's own version, e.g. {@code "1.2.0"}
 * @param description one or two sentences for people
 * @param supportedEntities the entities the connector can always fetch; connectors whose entities depend on their
 *     configuration (e.g. GraphQL queries) may declare none here and answer
 *     {@link BaseConnector#getAvailableEntities()} instead
 * @param configSchema the fields a data source of this connector is configured with
 * @param icon the name of an SVG resource inside the plugin, resolved with {@link Class#getResource(String)} on the
 *     connector class (so a relative name is relative to the connector's package); absent when there is none
 * @since 1.0
 */
public record ConnectorMetadata(
        String id,
        String name,
        String version,
        String description,
        List<EntityDescriptor> supportedEntities,
        ConfigSchema configSchema,
        Optional<String> icon) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    public ConnectorMetadata {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "connector id '" + id + "' must match [a-z][a-z0-9_]* (it is used in table names)");
        }
        requireText(name, "name", id);
        requireText(version, "version", id);
        Objects.requireNonNull(description, "description");
        supportedEntities = List.copyOf(Objects.requireNonNull(supportedEntities, "supportedEntities"));
        Set<String> seen = new HashSet<>();
        for (EntityDescriptor entity : supportedEntities) {
            if (!seen.add(entity.name())) {
                throw new IllegalArgumentException("connector '" + id + "' declares entity '" + entity.name()
                        + "' twice");
            }
        }
        Objects.requireNonNull(configSchema, "configSchema");
        Objects.requireNonNull(icon, "icon");
    }

    private static void requireText(String value, String what, String id) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("connector '" + id + "' needs a non-blank " + what);
        }
    }

    /** Starts metadata for the connector with the given id. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Returns the supported entity with the given name, if declared. */
    public Optional<EntityDescriptor> entity(String entityName) {
        return supportedEntities.stream().filter(e -> e.name().equals(entityName)).findFirst();
    }

    /** Builds {@link ConnectorMetadata}; every setter returns this builder. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String name;
        private String version = "0.0.0";
        private String description = "";
        private final List<EntityDescriptor> entities = new ArrayList<>();
        private final List<ConfigField> fields = new ArrayList<>();
        private String icon;

        private Builder(String id) {
            this.id = id;
            this.name = id;
        }

        /** The display name; defaults to the id. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** The connector's version; defaults to {@code 0.0.0}. */
        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /** A sentence or two describing the connector. */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** Adds entities with primary key {@code id} and no cursor field, as the seed's string list does. */
        public Builder supportedEntities(String... names) {
            Arrays.stream(names).map(EntityDescriptor::of).forEach(entities::add);
            return this;
        }

        /** Adds fully described entities. */
        public Builder supportedEntities(EntityDescriptor... descriptors) {
            entities.addAll(Arrays.asList(descriptors));
            return this;
        }

        /** Adds fully described entities. */
        public Builder supportedEntities(List<EntityDescriptor> descriptors) {
            entities.addAll(descriptors);
            return this;
        }

        /** Adds configuration fields, in the order a form should show them. */
        public Builder configFields(ConfigField... configFields) {
            fields.addAll(Arrays.asList(configFields));
            return this;
        }

        /** Names the SVG icon resource (see {@link ConnectorMetadata#icon()}), typically {@code "icon.svg"}. */
        public Builder icon(String resourceName) {
            this.icon = resourceName;
            return this;
        }

        /**
         * Returns the metadata.
         *
         * @throws IllegalArgumentException when a part is invalid, naming it
         */
        public ConnectorMetadata build() {
            return new ConnectorMetadata(id, name, version, description, entities, new ConfigSchema(fields),
                    Optional.ofNullable(icon));
        }
    }
}
