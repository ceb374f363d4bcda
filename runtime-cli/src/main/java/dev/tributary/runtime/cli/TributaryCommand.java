package dev.tributary.runtime.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code tributary} command: the root of the command tree. Without a subcommand it prints usage. Exit codes:
 * {@code 0} success, {@code 1} the operation failed, {@code 2} usage or configuration error.
 */
@Command(name = "tributary",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Syncs data from SaaS APIs into the databases people query, through connector plugins.",
        subcommands = {PluginsCommand.class, ConnectorsCommand.class, SourcesCommand.class, TestCommand.class,
                EntitiesCommand.class, SyncCommand.class, RunsCommand.class, KeygenCommand.class, KeysCommand.class,
                ServeCommand.class, DestinationsCommand.class, CommandLine.HelpCommand.class})
public final class TributaryCommand implements Callable<Integer> {

    /** Chooses the log format of logback.xml: {@code text} (the default) or {@code json}, one object per line. */
    static final String LOG_FORMAT_VARIABLE = "TRIBUTARY_LOG_FORMAT";

    private static final List<String> LOG_FORMATS = List.of("text", "json");

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. Never exits the JVM. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, System::getenv);
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter)}, reading environment variables from {@code env}. */
    static int execute(String[] args, PrintWriter out, PrintWriter err, UnaryOperator<String> env) {
        String logFormat = env.apply(LOG_FORMAT_VARIABLE);
        if (logFormat != null && !logFormat.isBlank() && !LOG_FORMATS.contains(logFormat)) {
            err.println("tributary: " + LOG_FORMAT_VARIABLE + " must be one of " + String.join(", ", LOG_FORMATS)
                    + ", not '" + logFormat + "'");
            return CommandLine.ExitCode.USAGE;
        }
        return commandLine(out, err, env).execute(args);
    }

    /** The configured command tree; for tests and for {@link #execute}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, System::getenv);
    }

    /** The configured command tree reading environment variables from {@code env}; for tests. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, UnaryOperator<String> env) {
        ErrorHandler errors = new ErrorHandler();
        return new CommandLine(new TributaryCommand(), new CommandFactory(env))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(errors)
                .setExitCodeExceptionMapper(errors);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }
}
