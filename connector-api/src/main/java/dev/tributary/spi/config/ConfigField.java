package dev.tributary.spi.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configuration field of a connector: enough for a CLI to parse it and a web form to render it.
 *
 * @param name the key, {@code [a-z][a-zA-Z0-9_]*}, e.g. {@code api_key}
 * @param label a short human label, e.g. {@code "API key"}
 * @param type the value's type
 * @param required whether a data source must set it
 * @param secret whether the value is a credential: stored encrypted, shown as {@code ********}, never logged
 * @param defaultValue the value used when the field is not set, as text; absent when there is none
 * @param help a sentence telling the user what to enter and where to find it; may be empty, never null
 * @since 1.0
 */
public record ConfigField(
        String name,
        String label,
        ConfigFieldType type,
        boolean required,
        boolean secret,
        Optional<String> defaultValue,
        String help) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9_]*");

    public ConfigField {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("config field name '" + name + "' must match [a-z][a-zA-Z0-9_]*");
        }
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(help, "help");
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException("config field '" + name + "' is required, so it cannot have a default");
        }
    }

    /** Starts an optional, non-secret field of the given type, labelled with its name. */
    public static Builder builder(String name, ConfigFieldType type) {
        return new Builder(name, type);
    }

    /** Builds a {@link ConfigField}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final ConfigFieldType type;
        private String label;
        private boolean required;
        private boolean secret;
        private String defaultValue;
        private String help = "";

        private Builder(String name, ConfigFieldType type) {
            this.name = name;
            this.type = type;
            this.label = name;
        }

        /** The human label; defaults to the name. */
        public Builder label(String value) {
            this.label = value;
            return this;
        }

        /** Marks the field required. */
        public Builder required() {
            this.required = true;
            return this;
        }

        /** Marks the field a secret. */
        public Builder secret() {
            this.secret = true;
            return this;
        }

        /** The default value, as text. */
        public Builder defaultValue(String value) {
            this.defaultValue = value;
            return this;
        }

        /** Help text for people. */
        public Builder help(String value) {
            this.help = value;
            return this;
        }

        /** Returns the field. */
        public ConfigField build() {
            return new ConfigField(name, label, type, required, secret, Optional.ofNullable(defaultValue), help);
        }
    }
}
