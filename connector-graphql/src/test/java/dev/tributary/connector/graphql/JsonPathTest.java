package dev.tributary.connector.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {

    @Test
    void followsNestedObjects() {
        Map<String, Object> data = Map.of("allPeople", Map.of("pageInfo", Map.of("hasNextPage", true)));

        assertThat(JsonPath.parse("allPeople.pageInfo.hasNextPage").resolve(data)).contains(true);
        assertThat(JsonPath.parse("allPeople.pageInfo").toString()).isEqualTo("allPeople.pageInfo");
    }

    @Test
    void isEmptyForMissingNullAndNonObjectSteps() {
        Map<String, Object> page = new HashMap<>();
        page.put("endCursor", null);
        Map<String, Object> data = Map.of("allPeople", Map.of("pageInfo", page, "edges", List.of()));

        assertThat(JsonPath.parse("allPeople.pageInfo.endCursor").resolve(data)).isEmpty();
        assertThat(JsonPath.parse("allPeople.nodes").resolve(data)).isEmpty();
        assertThat(JsonPath.parse("allPeople.edges.node").resolve(data)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a..b", ".a", "a.", "a. b"})
    void rejectsMalformedPaths(String text) {
        assertThatThrownBy(() -> JsonPath.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dot path");
    }
}
