package dev.tributary.connector.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SyncStateTest {

    @Test
    void roundTripsThroughJson() {
        SyncState state = SyncState.incremental(Optional.of(Instant.ofEpochSecond(1_800_000_000L)),
                EventPosition.after("evt_1", Instant.ofEpochSecond(1_800_000_100L))).listedUpTo("cus_9");

        assertThat(SyncState.parse(state.toJson())).isEqualTo(state);
        assertThat(state.toJson()).isEqualTo("{\"format\":1,\"mode\":\"incremental\",\"phase\":\"list\","
                + "\"list_after\":\"cus_9\",\"created_gte\":1800000000,\"event_id\":\"evt_1\","
                + "\"event_created\":1800000100}");
    }

    @Test
    void incrementalListingGoesOnToEventsOrToSeekingByTime() {
        SyncState byId = SyncState.incremental(Optional.empty(), EventPosition.after("evt_1", Instant.EPOCH));
        SyncState byTime = SyncState.incremental(Optional.empty(), EventPosition.from(Instant.EPOCH));

        assertThat(byId.listingFinished().phase()).isEqualTo(SyncState.Phase.EVENTS);
        assertThat(byTime.listingFinished().phase()).isEqualTo(SyncState.Phase.SEEK);
        assertThat(SyncState.full(EventPosition.from(Instant.EPOCH), Instant.EPOCH).listingFinished().phase())
                .isEqualTo(SyncState.Phase.DONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"format\":2,\"mode\":\"full\",\"phase\":\"list\",\"event_created\":1}",
        "{\"format\":1,\"mode\":\"full\",\"phase\":\"list\"}",
        "{\"format\":1,\"mode\":\"sideways\",\"phase\":\"list\",\"event_created\":1}",
        "{\"format\":1,\"mode\":\"full\",\"phase\":\"events\",\"event_created\":1}"})
    void rejectsTextThatIsNotAState(String text) {
        assertThatThrownBy(() -> SyncState.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
