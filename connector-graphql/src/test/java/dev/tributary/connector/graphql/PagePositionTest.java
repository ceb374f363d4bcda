package dev.tributary.connector.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.config.Config;
import dev.tributary.spi.error.PermanentException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagePositionTest {

    private static QuerySpec spec(Map<String, Object> query) {
        Config config = QueryConfigs.config("http://127.0.0.1:9/graphql", query);
        return SourceConfig.from(config).queries().get(0);
    }

    @Test
    void aCursorPositionWithinAPageSurvivesItsState() {
        QuerySpec spec = spec(QueryConfigs.cursorPeople());
        PagePosition position = PagePosition.start(Pagination.CURSOR, 25).nextCursor("c2ltcGxlLWN1cnNvcjI0")
                .afterItems(10);

        assertThat(position.toState()).isEqualTo(
                "{\"pagination\":\"cursor\",\"pageSize\":25,\"after\":\"c2ltcGxlLWN1cnNvcjI0\",\"skip\":10}");
        assertThat(PagePosition.fromState(position.toState(), spec)).isEqualTo(position);
    }

    @Test
    void anOffsetPositionMovesTheOffsetInsteadOfSkipping() {
        QuerySpec spec = spec(QueryConfigs.offsetPeople());
        PagePosition position = PagePosition.start(Pagination.OFFSET, 25).nextOffset(50).afterItems(10);

        assertThat(position).isEqualTo(new PagePosition(Pagination.OFFSET, 25, Optional.empty(), 60, 0));
        assertThat(position.toState()).isEqualTo("{\"pagination\":\"offset\",\"pageSize\":25,\"offset\":60}");
        assertThat(PagePosition.fromState(position.toState(), spec)).isEqualTo(position);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "{\"pagination\":\"cursor\",\"pageSize\":0}",
            "{\"pagination\":\"cursor\",\"after\":5}", "{\"pagination\":\"cursor\",\"skip\":-1}"})
    void rejectsAMalformedStateWithAFullRefreshHint(String state) {
        QuerySpec spec = spec(QueryConfigs.cursorPeople());

        assertThatThrownBy(() -> PagePosition.fromState(state, spec))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("query 'people'").hasMessageContaining("full refresh");
    }
}
