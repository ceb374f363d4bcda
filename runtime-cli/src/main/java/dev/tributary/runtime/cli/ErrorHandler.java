package dev.tributary.runtime.cli;

import dev.tributary.runtime.config.ConfigValidationException;
import dev.tributary.runtime.plugin.UnknownConnectorException;
import dev.tributary.spi.error.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's one place that turns exceptions into exit codes and messages: usage and configuration errors (bad
 * options, a plugins folder that does not exist, an unknown connector, invalid connector configuration) exit with
 * {@code 2}, everything else — a broken plugin in strict mode, a failed operation — with {@code 1}.
 * Prints the message, not the stack trace, to the command's error stream; the stack trace is logged at DEBUG
 * ({@code TRIBUTARY_LOG_LEVEL=DEBUG}).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        LOG.debug("command failed", exception);
        commandLine.getErr().println("tributary: " + (exception.getMessage() == null
                ? exception.getClass().getSimpleName() : exception.getMessage()));
        return getExitCode(exception);
    }

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof CommandLine.ParameterException || exception instanceof UnknownConnectorException
                || exception instanceof ConfigValidationException || exception instanceof InvalidConfigException) {
            return CommandLine.ExitCode.USAGE;
        }
        return CommandLine.ExitCode.SOFTWARE;
    }
}
