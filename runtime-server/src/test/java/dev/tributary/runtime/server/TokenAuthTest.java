package dev.tributary.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthTest {

    private static final String FIRST = "first-token-0123456789";
    private static final String SECOND = "second-token-0123456789";

    @Test
    void acceptsEveryConfiguredTokenAndNothingElse() {
        TokenAuth auth = TokenAuth.of(List.of(FIRST, SECOND));

        assertThat(auth.accepts(Optional.of("Bearer " + FIRST))).isTrue();
        assertThat(auth.accepts(Optional.of("bearer " + SECOND))).isTrue();
        assertThat(auth.accepts(Optional.of("Bearer " + FIRST + "x"))).isFalse();
        assertThat(auth.accepts(Optional.of("Bearer " + FIRST.substring(1)))).isFalse();
        assertThat(auth.accepts(Optional.of(FIRST))).isFalse();
        assertThat(auth.accepts(Optional.of("Basic " + FIRST))).isFalse();
        assertThat(auth.accepts(Optional.of("Bearer "))).isFalse();
        assertThat(auth.accepts(Optional.empty())).isFalse();
    }

    @Test
    void readsCommaSeparatedTokensFromTheEnvironment() throws IOException {
        Optional<TokenAuth> auth = TokenAuth.load(Map.of(TokenAuth.TOKEN_VARIABLE, FIRST + ", " + SECOND)::get,
                Optional.empty());

        assertThat(auth).hasValueSatisfying(a -> {
            assertThat(a.accepts(Optional.of("Bearer " + FIRST))).isTrue();
            assertThat(a.accepts(Optional.of("Bearer " + SECOND))).isTrue();
        });
    }

    @Test
    void readsTokensFileSkippingCommentsAndBlankLines(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "# ci\n" + FIRST + "\n\n  " + SECOND + "  \n");

        TokenAuth auth = TokenAuth.load(name -> null, Optional.of(file)).orElseThrow();

        assertThat(auth.accepts(Optional.of("Bearer " + SECOND))).isTrue();
        assertThat(auth.accepts(Optional.of("Bearer # ci"))).isFalse();
    }

    @Test
    void loadsNothingWhenNoTokenIsConfigured(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tokens"), "# none yet\n");

        assertThat(TokenAuth.load(Map.of(TokenAuth.TOKEN_VARIABLE, " ")::get, Optional.of(file))).isEmpty();
    }

    @Test
    void refusesShortTokenWithoutRepeatingIt() {
        assertThatThrownBy(() -> TokenAuth.of(List.of(FIRST, "short-secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#2")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void makesDistinctRandomTokensLongEnoughToBeAccepted() {
        String one = TokenAuth.randomToken();
        String two = TokenAuth.randomToken();

        assertThat(one).isNotEqualTo(two).hasSizeGreaterThanOrEqualTo(TokenAuth.MIN_LENGTH);
        assertThat(TokenAuth.of(List.of(one)).accepts(Optional.of("Bearer " + one))).isTrue();
    }
}
