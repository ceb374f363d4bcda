package dev.tributary.connector.rest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A real json-server 0.17.4 (npm) process on a free loopback port, serving a {@code db.json}. It is looked up in the
 * folder named by the system property {@code tributary.jsonServerHome} (set by the module's POM to
 * {@code .ci/json-server}, where {@code .ci/run} installs it) or the environment variable
 * {@code TRIBUTARY_JSON_SERVER_HOME}; tests using it are skipped, with a message, when it or {@code node} is absent.
 */
final class JsonServer implements AutoCloseable {

    private static final String SCRIPT = "node_modules/json-server/lib/cli/bin.js";

    private final Process process;
    private final int port;

    private JsonServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts json-server on {@code db}; skips the calling test when json-server is not installed. */
    static JsonServer start(Path db) throws IOException, InterruptedException {
        Optional<Path> script = script();
        assumeTrue(script.isPresent(), "json-server 0.17.4 is not installed: run `npm install --prefix "
                + ".ci/json-server json-server@0.17.4` (as .ci/run does) or set TRIBUTARY_JSON_SERVER_HOME");
        int port = freePort();
        Path log = Files.createTempFile(db.getParent(), "json-server", ".log");
        Process process = new ProcessBuilder("node", script.get().toString(), db.toString(), "--port",
                Integer.toString(port), "--host", "127.0.0.1", "--quiet")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        JsonServer server = new JsonServer(process, port);
        server.awaitReady(log);
        return server;
    }

    /** The server's root URL, ending in {@code /}. */
    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    private static Optional<Path> script() {
        String home = Optional.ofNullable(System.getProperty("tributary.jsonServerHome"))
                .filter(text -> !text.isBlank()).orElse(System.getenv("TRIBUTARY_JSON_SERVER_HOME"));
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        Path script = Path.of(home).resolve(SCRIPT);
        return Files.isRegularFile(script) && nodeRuns() ? Optional.of(script) : Optional.empty();
    }

    private static boolean nodeRuns() {
        try {
            return new ProcessBuilder("node", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls the root until it answers; a start-up wait, not a timing assertion. */
    private void awaitReady(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(giveUp)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("json-server exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + "db")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("json-server did not answer on " + url() + " within 60 s: "
                + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
