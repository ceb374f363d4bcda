package dev.tributary.runtime.cli;

import dev.tributary.runtime.config.ConfigValidationException;
import dev.tributary.runtime.crypto.MalformedKeyException;
import dev.tributary.runtime.crypto.MissingKeyException;
import dev.tributary.runtime.plugin.UnknownConnectorException;
import dev.tributary.runtime.store.DuplicateDataSourceException;
import dev.tributary.runtime.store.NoSuchDataSourceException;
import dev.tributary.spi.error.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's one place that turns exceptions into exit codes and messages: usage and configuration errors (an
 * unknown connector, a plugins folder that does not exist, invalid data-source configuration, configuration the
 * connector itself refuses while initialising — such as a GraphQL query that does not parse — an unknown data
 * source, a missing or malformed key) exit with {@code 2}, everything else with {@code 1}.
 * Prints the message, not the stack trace, to the command's error stream; the log has details.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("tributary: " + (exception.getMessage() == null
                ? exception.getClass().getSimpleName() : exception.getMessage()));
        return getExitCode(exception);
    }

    /** A data-source input or key problem the user fixes by changing the command line or the environment. */
    private static boolean isConfigurationError(Throwable exception) {
        return exception instanceof ConfigValidationException || exception instanceof InvalidConfigException
                || exception instanceof NoSuchDataSourceException
                || exception instanceof DuplicateDataSourceException || exception instanceof MissingKeyException
                || exception instanceof MalformedKeyException;
    }

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof CommandLine.ParameterException || exception instanceof UnknownConnectorException
                || exception instanceof IllegalArgumentException || isConfigurationError(exception)) {
            return CommandLine.ExitCode.USAGE;
        }
        return CommandLine.ExitCode.SOFTWARE;
    }
}
