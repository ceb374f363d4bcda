package dev.tributary.runtime;

import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.spi.config.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An ad-hoc sync for {@link Tributary#sync(SyncJob)}: which connector with which configuration, into which
 * destination, which entities, how. Immutable; built with {@link #builder(String)}.
 *
 * <pre>{@code
 * SyncResult result = tributary.sync(SyncJob.builder("stripe")
 *         .config(Map.of("api_key", System.getenv("STRIPE_KEY")))
 *         .destination("jdbc:postgresql://localhost/warehouse?user=sync")
 *         .entities(List.of("customers"))
 *         .listener(progress -> ...)
 *         .build());
 * }</pre>
 */
public final class SyncJob {

    private final String connectorId;
    private final Map<String, Object> config;
    private final Optional<String> destination;
    private final Optional<String> schema;
    private final List<String> entities;
    private final boolean fullRefresh;
    private final String dataSourceName;
    private final String tablePrefix;
    private final Settings settings;
    private final boolean requestRateSet;
    private final SyncListener listener;
    private final CancelHandle cancel;
    private final UnaryOperator<String> environment;

    private SyncJob(Builder builder) {
        this.connectorId = builder.connectorId;
        this.config = new LinkedHashMap<>(builder.config);
        this.destination = Optional.ofNullable(builder.destination);
        this.schema = Optional.ofNullable(builder.schema);
        this.entities = List.copyOf(builder.entities);
        this.fullRefresh = builder.fullRefresh;
        this.dataSourceName = builder.dataSourceName == null ? connectorId : builder.dataSourceName;
        this.tablePrefix = builder.tablePrefix == null ? dataSourceName : builder.tablePrefix;
        this.settings = builder.settings;
        this.requestRateSet = builder.requestRateSet;
        this.listener = builder.listener;
        this.cancel = builder.cancel;
        this.environment = builder.environment;
    }

    /** Starts a job for the connector with this id. */
    public static Builder builder(String connectorId) {
        return new Builder(connectorId);
    }

    /** The connector id. */
    public String connectorId() {
        return connectorId;
    }

    /** The raw configuration, validated against the connector's schema before anything else happens. */
    public Map<String, Object> config() {
        return Collections.unmodifiableMap(config);
    }

    /** The destination URL; absent for the default {@code jdbc:sqlite:<home>/warehouse.db}. */
    public Optional<String> destination() {
        return destination;
    }

    /** The schema to write into (PostgreSQL); absent for the URL's or the default. */
    public Optional<String> schema() {
        return schema;
    }

    /** The entities to sync; empty for all. */
    public List<String> entities() {
        return entities;
    }

    /** Whether every table is replaced rather than synced incrementally. */
    public boolean fullRefresh() {
        return fullRefresh;
    }

    /** The data source name written into {@code _data_source}; defaults to the connector id. */
    public String dataSourceName() {
        return dataSourceName;
    }

    /** The table prefix; defaults to the data source name. */
    public String tablePrefix() {
        return tablePrefix;
    }

    /** The sync settings. */
    public Settings settings() {
        return settings;
    }

    /**
     * Whether the user gave the settings' {@code requestsPerSecond} explicitly, so it wins over the connector's
     * declared budget even when it equals the runtime default.
     */
    public boolean requestRateSet() {
        return requestRateSet;
    }

    /** Told of progress and of each entity's end. */
    public SyncListener listener() {
        return listener;
    }

    /** Cancels the job from another thread. */
    public CancelHandle cancel() {
        return cancel;
    }

    /** Reads environment variables such as {@code PGPASSWORD}. */
    public UnaryOperator<String> environment() {
        return environment;
    }

    /** Builds a {@link SyncJob}. Not thread-safe. */
    public static final class Builder {
        private final String connectorId;
        private Map<String, Object> config = Map.of();
        private String destination;
        private String schema;
        private List<String> entities = new ArrayList<>();
        private boolean fullRefresh;
        private String dataSourceName;
        private String tablePrefix;
        private Settings settings = Settings.DEFAULTS;
        private boolean requestRateSet;
        private SyncListener listener = SyncListener.NONE;
        private CancelHandle cancel = new CancelHandle();
        private UnaryOperator<String> environment = System::getenv;

        private Builder(String connectorId) {
            this.connectorId = Objects.requireNonNull(connectorId, "connectorId");
        }

        /** The raw configuration values (text, numbers, booleans, maps, lists); default none. */
        public Builder config(Map<String, ?> values) {
            this.config = new LinkedHashMap<>(Objects.requireNonNull(values, "values"));
            return this;
        }

        /** The destination URL; default {@code jdbc:sqlite:<home>/warehouse.db}. */
        public Builder destination(String url) {
            this.destination = Objects.requireNonNull(url, "url");
            return this;
        }

        /** The schema to write into. */
        public Builder schema(String name) {
            this.schema = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The entities to sync; default all. */
        public Builder entities(List<String> names) {
            this.entities = new ArrayList<>(names);
            return this;
        }

        /** Whether to replace every table; default false. */
        public Builder fullRefresh(boolean value) {
            this.fullRefresh = value;
            return this;
        }

        /** The data source name; default the connector id. */
        public Builder dataSourceName(String name) {
            this.dataSourceName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The table prefix; default the data source name. */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** The settings; default {@link Settings#DEFAULTS}. */
        public Builder settings(Settings value) {
            this.settings = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Marks the settings' {@code requestsPerSecond} as given by the user (e.g. {@code --requests-per-second}),
         * so it wins over the connector's declared budget; default false, where only a rate other than the runtime
         * default counts as given.
         */
        public Builder requestRateSet(boolean value) {
            this.requestRateSet = value;
            return this;
        }

        /** The listener; default none. */
        public Builder listener(SyncListener value) {
            this.listener = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The handle that cancels the job; default a fresh one. */
        public Builder cancel(CancelHandle value) {
            this.cancel = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Where environment variables are read; default the process environment. */
        public Builder environment(UnaryOperator<String> value) {
            this.environment = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Returns the job. */
        public SyncJob build() {
            return new SyncJob(this);
        }
    }
}
