package dev.tributary.runtime.typing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link JsonText} writes exactly the text {@code ObjectMapper.writeValueAsString} writes. */
class JsonTextTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonText json = new JsonText(MAPPER);

    @Test
    void parsedJsonValuesGetTheMappersText() throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("s", "quote \" backslash \\ slash / tab \t newline \n nul \u0000 unit \u001f del \u007f"
                + " é 中 😀");
        record.put("l", Long.MAX_VALUE);
        record.put("i", -7);
        record.put("d", 0.1);
        record.put("nan", Double.NaN);
        record.put("big", new BigDecimal("12345678901234567890.0100"));
        record.put("e", new BigDecimal("1E+3"));
        record.put("bi", new BigInteger("-99999999999999999999"));
        record.put("b", true);
        record.put("n", null);
        record.put("f", 1.5f);
        record.put("short", (short) 3);
        record.put("nested", Map.of("a", List.of(1, "x", Map.of())));
        record.put("list", Arrays.asList(null, List.of(), false));

        assertThat(json.of(record)).isEqualTo(MAPPER.writeValueAsString(record));
        assertThat(json.of(List.of("a", 1))).isEqualTo("[\"a\",1]");
        assertThat(json.of("x")).isEqualTo("\"x\"");
    }

    @Test
    void aMapWithANonStringKeyIsWrittenWholeByTheMapper() throws Exception {
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put(1, "one");
        inner.put(true, List.of());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("before", "b");
        record.put("inner", inner);

        assertThat(json.of(record)).isEqualTo(MAPPER.writeValueAsString(record))
                .isEqualTo("{\"before\":\"b\",\"inner\":{\"1\":\"one\",\"true\":[]}}");
    }

    @Test
    void randomStringsAndNumbersGetTheMappersText() throws Exception {
        Random random = new Random(14);
        for (int round = 0; round < 200; round++) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int field = 0; field < 8; field++) {
                record.put(text(random), switch (random.nextInt(4)) {
                    case 0 -> text(random);
                    case 1 -> random.nextLong();
                    case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                    default -> new ArrayList<>(List.of(text(random), Map.of(text(random), random.nextInt())));
                });
            }
            assertThat(json.of(record)).isEqualTo(MAPPER.writeValueAsString(record));
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            text.appendCodePoint(kind == 0 ? random.nextInt(0x20) : kind == 1 ? 0x20 + random.nextInt(0x60)
                    : kind == 2 ? 0xa0 + random.nextInt(0x2000) : 0x1f600 + random.nextInt(0x40));
        }
        return text.toString();
    }
}
