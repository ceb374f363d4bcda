package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeCommandTest {

    private static final Pattern ADDRESS = Pattern.compile("console: (http://\\S+)");
    private static final String BANNER_END = "Press Ctrl-C to stop.";
    private static final Pattern TOKEN = Pattern.compile("your own\\): (\\S+)");

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine serve(Map<String, String> environment) {
        return TributaryCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), environment::get);
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutAToken() {
        int code = serve(Map.of()).execute("serve", "--home", home.toString(), "--host", "0.0.0.0", "--port", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("refusing to listen on '0.0.0.0'", "TRIBUTARY_API_TOKEN");
    }

    @Test
    void refusesAShortTokenWithoutPrintingIt() {
        int code = serve(Map.of("TRIBUTARY_API_TOKEN", "tiny-secret")).execute("serve", "--home", home.toString(),
                "--port", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("at least 16 characters").doesNotContain("tiny-secret");
    }

    @Test
    void servesTheApiWithTheTokensFileUntilStopped() throws Exception {
        String token = "file-token-0123456789abcdef";
        Path tokens = Files.writeString(home.resolve("tokens"), "# team\n" + token + "\n");
        CommandLine commandLine = serve(Map.of());
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> commandLine.execute("serve",
                "--home", home.toString(), "--port", "0", "--tokens-file", tokens.toString()));
        URI base = awaitAddress();

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/api/health"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(base.resolve("/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        ((ServeCommand) commandLine.getSubcommands().get("serve").getCommand()).stop();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(running.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).doesNotContain(token).doesNotContain("API token for this run");
    }

    @Test
    void makesUpAndPrintsATokenOnLoopbackWhenNoneIsConfigured() throws Exception {
        CommandLine commandLine = serve(Map.of());
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> commandLine.execute("serve",
                "--home", home.toString(), "--port", "0"));
        URI base = awaitAddress();
        Matcher token = TOKEN.matcher(out.toString());
        assertThat(token.find()).as(out.toString()).isTrue();

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/api/health")).header("Authorization", "Bearer " + token.group(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        ((ServeCommand) commandLine.getSubcommands().get("serve").getCommand()).stop();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(running.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void servesMetricsBehindTheTokenByDefault() throws Exception {
        String token = "metrics-token-0123456789abcdef";
        CommandLine commandLine = serve(Map.of("TRIBUTARY_API_TOKEN", token));
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> commandLine.execute("serve",
                "--home", home.toString(), "--port", "0"));
        URI base = awaitAddress();

        HttpResponse<String> anonymous = get(base.resolve("/metrics"), null);
        HttpResponse<String> scrape = get(base.resolve("/metrics"), token);
        ((ServeCommand) commandLine.getSubcommands().get("serve").getCommand()).stop();

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes", "process_uptime_seconds").doesNotContain(token);
        assertThat(out.toString()).contains("Prometheus metrics: " + base.resolve("/metrics")
                + " (API token required)");
        assertThat(running.get(30, TimeUnit.SECONDS)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--metrics-public", "TRIBUTARY_METRICS_PUBLIC=true"})
    void servesMetricsWithoutATokenWhenAskedToButNotTheApi(String setting) throws Exception {
        String token = "metrics-token-0123456789abcdef";
        Map<String, String> environment = new HashMap<>(Map.of("TRIBUTARY_API_TOKEN", token));
        List<String> args = new ArrayList<>(List.of("serve", "--home", home.toString(), "--port", "0"));
        if (setting.startsWith("--")) {
            args.add(setting);
        } else {
            environment.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        CommandLine commandLine = serve(environment);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> commandLine.execute(
                args.toArray(String[]::new)));
        URI base = awaitAddress();

        HttpResponse<String> scrape = get(base.resolve("/metrics"), null);
        HttpResponse<String> api = get(base.resolve("/api/health"), null);
        ((ServeCommand) commandLine.getSubcommands().get("serve").getCommand()).stop();

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_threads_live_threads");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(out.toString()).contains("(no token)");
        assertThat(running.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void refusesAMetricsPublicValueThatIsNeitherTrueNorFalse() {
        int code = serve(Map.of("TRIBUTARY_METRICS_PUBLIC", "yes")).execute("serve", "--home", home.toString(),
                "--port", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("TRIBUTARY_METRICS_PUBLIC must be true or false");
        assertThat(out.toString()).doesNotContain("console:");
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI awaitAddress() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String printed = out.toString();
            Matcher address = ADDRESS.matcher(printed);
            if (printed.contains(BANNER_END) && address.find()) { // the whole banner, not only its first line
                return URI.create(address.group(1));
            }
            assertThat(err.toString()).as("serve failed").isEmpty();
            new CountDownLatch(1).await(20, TimeUnit.MILLISECONDS); // poll to a deadline
        }
        throw new AssertionError("the server never printed its start-up banner: " + out + err);
    }
}
