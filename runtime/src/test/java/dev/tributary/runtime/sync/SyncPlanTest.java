package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncPlanTest {

    private static final EntityDescriptor INCREMENTAL = EntityDescriptor.of("customers").withCursorField("created");
    private static final Instant CURSOR = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration LOOK_BACK = Duration.ofMinutes(10);

    private static SyncState finished(SyncMode mode) {
        return new SyncState(mode, true, Optional.of("final"), Optional.empty(), Optional.of(CURSOR));
    }

    private static SyncState interrupted(SyncMode mode) {
        return new SyncState(mode, false, Optional.of("page 7"), Optional.of(CURSOR.minusSeconds(60)),
                Optional.of(CURSOR));
    }

    @Test
    void firstSyncIsAFullRefreshFromNothing() {
        SyncPlan plan = SyncPlan.decide(Optional.empty(), INCREMENTAL, false, LOOK_BACK);

        assertThat(plan.start().mode()).isEqualTo(SyncMode.FULL_REFRESH);
        assertThat(plan.resumeState()).isEmpty();
        assertThat(plan.since()).isEmpty();
        assertThat(plan.checkpoint()).isEmpty();
    }

    @Test
    void nextSyncStartsAtTheCommittedCursorMinusLookBackWithTheCheckpoint() {
        SyncPlan plan = SyncPlan.decide(Optional.of(finished(SyncMode.FULL_REFRESH)), INCREMENTAL, false, LOOK_BACK);

        assertThat(plan.start().mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(plan.since()).contains(CURSOR.minus(LOOK_BACK));
        assertThat(plan.checkpoint()).contains("final");
        assertThat(plan.resumeState()).isEmpty();
    }

    @Test
    void interruptedRunResumesWithItsOwnModeAndSince() {
        for (SyncMode mode : SyncMode.values()) {
            SyncPlan plan = SyncPlan.decide(Optional.of(interrupted(mode)), INCREMENTAL, false, LOOK_BACK);

            assertThat(plan.start().mode()).isEqualTo(mode);
            assertThat(plan.resumeState()).contains("page 7");
            assertThat(plan.since()).contains(CURSOR.minusSeconds(60));
            assertThat(plan.checkpoint()).isEmpty();
        }
    }

    @Test
    void fullRefreshRequestResumesAnInterruptedFullRefreshButRestartsAnInterruptedIncremental() {
        assertThat(SyncPlan.decide(Optional.of(interrupted(SyncMode.FULL_REFRESH)), INCREMENTAL, true, LOOK_BACK)
                .resumeState()).contains("page 7");
        SyncPlan restarted = SyncPlan.decide(Optional.of(interrupted(SyncMode.INCREMENTAL)), INCREMENTAL, true,
                LOOK_BACK);
        assertThat(restarted.start().mode()).isEqualTo(SyncMode.FULL_REFRESH);
        assertThat(restarted.resumeState()).isEmpty();
    }

    @Test
    void entityWithoutCursorIsAlwaysAFullRefresh() {
        SyncPlan plan = SyncPlan.decide(Optional.of(finished(SyncMode.FULL_REFRESH)), EntityDescriptor.of("tags"),
                false, LOOK_BACK);

        assertThat(plan.start().mode()).isEqualTo(SyncMode.FULL_REFRESH);
        assertThat(plan.since()).isEmpty();
    }
}
