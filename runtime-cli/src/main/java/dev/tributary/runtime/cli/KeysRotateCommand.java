package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.store.KeyRotation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tributary keys rotate}: re-encrypts every data source from {@code ENCRYPTION_KEY_PREVIOUS} to
 * {@code ENCRYPTION_KEY} in one transaction. On any failure (a missing, malformed or wrong key, a damaged value)
 * nothing changes.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Re-encrypt every data source from ENCRYPTION_KEY_PREVIOUS to ENCRYPTION_KEY.")
final class KeysRotateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Override
    public Integer call() {
        KeyRotation rotation;
        try (Tributary tributary = options.open()) {
            rotation = tributary.rotateKey();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json.enabled) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("reEncrypted", rotation.reEncrypted());
            value.put("alreadyCurrent", rotation.alreadyCurrent());
            JsonOption.print(out, value);
        } else {
            out.println("Re-encrypted " + rotation.reEncrypted() + " data source(s) under the new key"
                    + (rotation.alreadyCurrent() > 0 ? "; " + rotation.alreadyCurrent() + " already used it" : "")
                    + ". ENCRYPTION_KEY_PREVIOUS is no longer needed.");
        }
        return CommandLine.ExitCode.OK;
    }
}
