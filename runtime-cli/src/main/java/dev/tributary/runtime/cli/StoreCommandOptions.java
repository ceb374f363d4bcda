package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/**
 * The options of every command that works on stored data sources or runs: {@code --json}, the plugin options
 * ({@code --plugins}, {@code --strict}, {@code --home}) and {@code --store}, with the runtime they describe.
 */
final class StoreCommandOptions {

    @Mixin
    JsonOption json;

    @Mixin
    PluginsOption plugins;

    @Mixin
    StoreOption store;

    /**
     * Opens the runtime with the chosen plugins and store.
     *
     * @throws ParameterException when a plugins folder does not exist (exit code 2)
     */
    Tributary open() {
        return store.open(plugins);
    }
}
