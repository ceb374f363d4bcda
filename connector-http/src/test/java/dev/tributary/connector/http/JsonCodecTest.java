package dev.tributary.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec();

    @Test
    void roundTripsObjectsWithNullsInOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", null);
        value.put("a", List.of(1, "two"));

        String text = codec.write(value);

        assertThat(text).isEqualTo("{\"b\":null,\"a\":[1,\"two\"]}");
        assertThat(codec.parseObject(text)).isEqualTo(value);
    }

    @Test
    void keepsLongsExact() throws IOException {
        assertThat(codec.parse("9007199254740993".getBytes(StandardCharsets.UTF_8))).isEqualTo(9007199254740993L);
    }

    @Test
    void rejectsTrailingGarbage() {
        assertThatThrownBy(() -> codec.parse("{} {}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> codec.parse(new byte[0])).isInstanceOf(IOException.class);
    }

    @Test
    void parseObjectRejectsOtherJsonTypesWithoutQuotingThem() {
        assertThatThrownBy(() -> codec.parseObject("[\"secret-ish\"]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a JSON object, got an array");
        assertThatThrownBy(() -> codec.parseObject("{\"a\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not well-formed JSON");
    }
}
