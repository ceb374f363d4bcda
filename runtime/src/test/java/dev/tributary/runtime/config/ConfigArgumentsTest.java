package dev.tributary.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigArgumentsTest {

    private final ConfigArguments arguments = new ConfigArguments(Map.of("STRIPE_KEY", "sk_test_from_env")::get);

    @Test
    void readsKeyValuePairsAndEnvironmentReferences() {
        assertThat(arguments.parse(List.of("api_key=env:STRIPE_KEY", "url=http://h/a?b=c")))
                .containsEntry("api_key", "sk_test_from_env")
                .containsEntry("url", "http://h/a?b=c");
    }

    @Test
    void rejectsArgumentWithoutEqualsSign() {
        assertThatThrownBy(() -> arguments.parse(List.of("api_key")))
                .hasMessageContaining("'api_key' must have the form KEY=VALUE");
    }

    @Test
    void namesUnsetEnvironmentVariable() {
        assertThatThrownBy(() -> arguments.parse(List.of("api_key=env:MISSING")))
                .hasMessageContaining("environment variable MISSING is not set");
    }
}
