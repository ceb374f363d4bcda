package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.sync.EntityProgress;
import dev.tributary.runtime.sync.EntityStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    private static final String RETRY = "transient failure (HTTP 503); retry 1 of 5";

    private final StringWriter text = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    private static EntityProgress progress(EntityStatus status, long records, String detail) {
        return new EntityProgress("customers", status, records, 0, OptionalLong.of(1000), Duration.ofSeconds(10),
                records / 10.0, Optional.of(Duration.ofSeconds(95)), detail);
    }

    @Test
    void plainLinesAppearOnStateChangesAndEveryInterval() {
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), false, Duration.ofSeconds(5), now::get);

        display.onProgress(progress(EntityStatus.RUNNING, 100, ""));
        now.set(1000);
        display.onProgress(progress(EntityStatus.RUNNING, 200, ""));
        display.onProgress(progress(EntityStatus.RETRYING, 200, "transient failure (HTTP 503); retry 1 of 5"));
        now.set(7000);
        display.onProgress(progress(EntityStatus.RETRYING, 300, "transient failure (HTTP 503); retry 1 of 5"));

        assertThat(text.toString().lines()).containsExactly(
                "sync: customers running 100/1000 records (10/s, ETA 1:35)",
                "sync: customers retrying 200/1000 records (20/s, ETA 1:35): " + RETRY,
                "sync: customers retrying 300/1000 records (30/s, ETA 1:35): " + RETRY);
    }

    @Test
    void recordsLeftOutByTheSchemaContractAreCountedApart() {
        EntityProgress progress = new EntityProgress("customers", EntityStatus.RUNNING, 97, 2, OptionalLong.empty(),
                Duration.ofSeconds(10), 9.7, Optional.empty(), "", 3);

        assertThat(ProgressDisplay.line(progress))
                .isEqualTo("customers running 97 records written, 3 discarded (schema contract), 2 deletions (10/s)");
        assertThat(RunView.written(97, 3)).isEqualTo("97 written, 3 discarded (schema contract)");
        assertThat(RunView.written(97, 0)).isEqualTo("97");
    }

    @Test
    void theBudgetIsPrintedOnALineOfItsOwnAndAgainWhenItChanges() {
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), false, Duration.ofSeconds(5), now::get);

        display.onBudget("20 req/s (connector: Stripe test mode allows 25 read requests/s)");
        display.onProgress(progress(EntityStatus.RUNNING, 100, ""));
        display.onBudget("25 req/s (the server states RateLimit-Policy: 25;w=1)");

        assertThat(text.toString().lines()).containsExactly(
                "sync: request budget 20 req/s (connector: Stripe test mode allows 25 read requests/s)",
                "sync: customers running 100/1000 records (10/s, ETA 1:35)",
                "sync: request budget 25 req/s (the server states RateLimit-Policy: 25;w=1)");
    }

    @Test
    void terminalRedrawsOneBarPerEntityInPlace() {
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true, Duration.ofSeconds(5), now::get);

        display.onProgress(progress(EntityStatus.RUNNING, 500, ""));
        now.set(1000);
        display.onProgress(progress(EntityStatus.RUNNING, 750, ""));
        display.finish();

        assertThat(text.toString()).contains("[############            ] customers running 500/1000")
                .contains("\033[1A").contains("[##################      ] customers running 750/1000");
    }
}
