package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tributary keygen}: prints a fresh random 256-bit key (64 hex characters) for {@code ENCRYPTION_KEY}. The
 * key goes to standard output only, never to a log.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Print a fresh encryption key for ENCRYPTION_KEY.")
final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        String key = Tributary.generateKey().reveal();
        if (json.enabled) {
            JsonOption.print(spec.commandLine().getOut(), Map.of("key", key));
        } else {
            spec.commandLine().getOut().println(key);
        }
        return CommandLine.ExitCode.OK;
    }
}
