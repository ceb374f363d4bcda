package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.ApiServer;
import dev.tributary.runtime.server.TokenAuth;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tributary serve}: the REST API and web console until the process is stopped (Ctrl-C, SIGTERM). On stop,
 * running syncs are cancelled, keeping what they committed, within a bounded time. Plugins folders are watched.
 * {@code /metrics} shows the syncs' and the JVM's meters to Prometheus, behind the API token unless
 * {@code --metrics-public} or {@value #METRICS_PUBLIC_VARIABLE}{@code =true}.
 * Exits {@code 2} when the host is not loopback and no API token is configured, a token is unfit, or
 * {@value #METRICS_PUBLIC_VARIABLE} is neither {@code true} nor {@code false}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the REST API (token-protected) and the web console, and run scheduled syncs.")
final class ServeCommand implements Callable<Integer> {

    /** The environment variable that, set to {@code true}, serves {@code /metrics} without a token. */
    static final String METRICS_PUBLIC_VARIABLE = "TRIBUTARY_METRICS_PUBLIC";

    @Spec
    CommandSpec spec;

    @Mixin
    PluginsOption plugins;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Any other than loopback needs a token.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "On SIGINT/SIGTERM, how long running syncs may take to commit their batch in flight and"
                    + " record their run as cancelled before the server stops (default: ${DEFAULT-VALUE}).")
    int stopTimeoutSeconds;

    @Option(names = "--tokens-file", paramLabel = "FILE",
            description = "File of API tokens, one per line (also: $" + TokenAuth.TOKEN_VARIABLE + ").")
    Path tokensFile;

    @Option(names = "--metrics-public",
            description = "Serve /metrics without a token, for a Prometheus on a private network (also: $"
                    + METRICS_PUBLIC_VARIABLE + "=true). The API keeps asking for one.")
    boolean metricsPublic;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        if (stopTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--stop-timeout must be at least 1 second, not "
                    + stopTimeoutSeconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        Optional<TokenAuth> tokens = tokens();
        boolean publicMetrics = metricsPublic || metricsPublicFromEnvironment();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Tributary tributary = plugins.builder().watchPlugins(true).meterRegistry(meters).build();
        ApiServer server;
        try {
            server = ApiServer.builder().host(host).port(port).tokens(tokens).tributary(tributary)
                    .syncShutdownWait(Duration.ofSeconds(stopTimeoutSeconds)).meterRegistry(meters)
                    .metricsPublic(publicMetrics).start();
        } catch (IllegalStateException e) {
            tributary.close();
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (RuntimeException e) {
            tributary.close();
            throw e;
        }
        Thread shutdown = new Thread(() -> {
            server.close();
            tributary.close();
            stop.countDown();
        }, "tributary-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.println("Tributary API and web console: " + server.uri());
        server.generatedToken().ifPresent(token -> out.println("API token for this run (set "
                + TokenAuth.TOKEN_VARIABLE + " to choose your own): " + token));
        out.println("Prometheus metrics: " + server.uri().resolve("metrics")
                + (publicMetrics ? " (no token)" : " (API token required)"));
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stop.await();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException shuttingDown) {
            return CommandLine.ExitCode.OK; // the hook closes the server and the runtime
        }
        server.close();
        tributary.close();
        return CommandLine.ExitCode.OK;
    }

    /** Makes {@link #call()} stop the server and return, as a signal would; for tests. */
    void stop() {
        stop.countDown();
    }

    private boolean metricsPublicFromEnvironment() {
        String value = Optional.ofNullable(plugins.environment.apply(METRICS_PUBLIC_VARIABLE)).orElse("").strip();
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ParameterException(spec.commandLine(), METRICS_PUBLIC_VARIABLE
                + " must be true or false; unset it to keep /metrics behind the API token");
    }

    private Optional<TokenAuth> tokens() {
        try {
            return TokenAuth.load(plugins.environment, Optional.ofNullable(tokensFile));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read the tokens file " + tokensFile + ": "
                    + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
