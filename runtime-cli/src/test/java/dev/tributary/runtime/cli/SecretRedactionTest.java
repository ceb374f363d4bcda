package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code tributary} main in child JVMs with debug logging, through every data-source command, with a
 * canary secret given as {@code env:VAR}, as a literal, inside a config file and in a rejected field; then searches
 * every byte of standard output, standard error (the CLI's log) and every file under the home for the canary.
 */
class SecretRedactionTest {

    private static final String CANARY = "sk_live_CANARY_redaction_0b7a3f";

    @TempDir
    Path home;

    @TempDir
    Path inputs;

    private final List<String> transcript = new ArrayList<>();

    @Test
    void theCanarySecretAppearsInNoOutputLogOrFile() throws Exception {
        Cli.install("good-secret", Files.createDirectories(home.resolve("plugins")));
        String key = Cli.run("keygen").out().trim();
        String newKey = Cli.run("keygen").out().trim();
        Files.writeString(inputs.resolve("bad.json"), "{\"api_key\": \"bad-" + CANARY + "\"}");
        Map<String, String> env = Map.of("ENCRYPTION_KEY", key, "SHOP_KEY", CANARY);

        run(env, 0, "sources", "add", "shop", "--connector", "secretive", "--config", "api_key=env:SHOP_KEY");
        run(env, 0, "sources", "add", "literal", "--connector", "secretive", "--config", "api_key=" + CANARY,
                "--json");
        run(env, 0, "sources", "add", "bad", "--connector", "secretive", "--config-file",
                inputs.resolve("bad.json").toString());
        run(env, 2, "sources", "add", "broken", "--connector", "secretive", "--config", "api_key=" + CANARY,
                "--config", "count=" + CANARY, "--config", "colour=" + CANARY);
        run(env, 0, "sources", "list", "--json");
        run(env, 0, "sources", "show", "shop");
        run(env, 0, "sources", "update", "shop", "--config", "count=4", "--json");
        run(env, 0, "test", "shop", "--json");
        run(env, 1, "test", "bad");
        run(env, 0, "sync", "shop");
        run(env, 0, "sync", "literal", "--json");
        run(env, 0, "runs", "--json");
        run(Map.of("ENCRYPTION_KEY", newKey, "ENCRYPTION_KEY_PREVIOUS", key), 0, "keys", "rotate");
        run(Map.of("ENCRYPTION_KEY", key), 1, "sources", "show", "shop");

        assertThat(String.join("\n", transcript)).contains("INFO  dev.tributary.sources").contains("********")
                .doesNotContain(CANARY);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as("contents of %s", file).doesNotContain(CANARY);
            }
        }
    }

    private void run(Map<String, String> env, int expectedExit, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), TributaryCommand.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--home", home.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("ENCRYPTION_KEY");
        builder.environment().remove("ENCRYPTION_KEY_PREVIOUS");
        builder.environment().remove("TRIBUTARY_STORE_URL");
        builder.environment().putAll(env);
        builder.environment().put("TRIBUTARY_LOG_LEVEL", "DEBUG");
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", List.of(args)).isTrue();
        String output = Files.readString(out) + Files.readString(err);
        transcript.add(output);
        assertThat(process.exitValue()).as("exit code of %s: %s", List.of(args), output).isEqualTo(expectedExit);
    }
}
