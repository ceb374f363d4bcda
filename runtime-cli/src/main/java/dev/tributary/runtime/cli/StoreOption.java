package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import picocli.CommandLine.Option;

/**
 * The {@code --store URL} option: where data sources and runs live. Defaults to {@code $TRIBUTARY_STORE_URL}, else
 * the SQLite file {@code <home>/tributary.db}.
 */
final class StoreOption {

    @Option(names = "--store", paramLabel = "URL",
            description = "Store of data sources and runs: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB "
                    + "(default: $TRIBUTARY_STORE_URL, else <home>/tributary.db).")
    String url;

    /** The runtime described by {@code plugins} and this option. */
    Tributary open(PluginsOption plugins) {
        Tributary.Builder builder = plugins.builder();
        if (url != null && !url.isBlank()) {
            builder.store(url);
        }
        return builder.build();
    }
}
