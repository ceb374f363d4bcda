package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.spi.ConnectionTestResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tributary test NAME}: tests a data source's connection. Exits {@code 0} when it works and {@code 1} with the
 * connector's message when it does not.
 */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Test a data source's connection.")
final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Parameters(paramLabel = "NAME", description = "The data source's name.")
    String name;

    @Override
    public Integer call() {
        ConnectionTestResult result;
        try (Tributary tributary = options.open()) {
            result = tributary.testSource(name);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json.enabled) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("source", name);
            value.put("success", result.success());
            value.put("message", result.message());
            JsonOption.print(out, value);
        } else if (result.success()) {
            out.println(name + ": connection OK" + (result.message().isBlank() ? "" : " (" + result.message() + ")"));
        } else {
            spec.commandLine().getErr().println(name + ": connection failed: " + result.message());
        }
        return result.success() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }
}
