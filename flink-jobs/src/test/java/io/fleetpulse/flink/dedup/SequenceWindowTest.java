package io.fleetpulse.flink.dedup;

import static io.fleetpulse.flink.dedup.SequenceWindow.Verdict.DUPLICATE;
import static io.fleetpulse.flink.dedup.SequenceWindow.Verdict.NEW;
import static io.fleetpulse.flink.dedup.SequenceWindow.Verdict.TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceWindowTest {

    @Test
    void acceptsEachNumberOnceInAnyOrderWithinTheSpan() {
        SequenceWindow w = new SequenceWindow();
        assertThat(w.offer(10)).isEqualTo(NEW);
        assertThat(w.offer(12)).isEqualTo(NEW);
        assertThat(w.offer(11)).isEqualTo(NEW);
        assertThat(w.offer(11)).isEqualTo(DUPLICATE);
        assertThat(w.offer(12)).isEqualTo(DUPLICATE);
        assertThat(w.offer(3)).isEqualTo(NEW);
        assertThat(w.offer(3)).isEqualTo(DUPLICATE);
    }

    @Test
    void forgetsNumbersThatFellOutOfTheSpan() {
        SequenceWindow w = new SequenceWindow();
        w.offer(5);
        w.offer(5 + SequenceWindow.SPAN);
        assertThat(w.offer(5)).isEqualTo(TOO_OLD);
        assertThat(w.offer(6)).isEqualTo(NEW); // within the span again, and never seen
        // After a jump of more than the span, ring bits of old numbers must not read as seen.
        w.offer(100_000);
        assertThat(w.offer(100_000 - 1)).isEqualTo(NEW);
        assertThat(w.offer(100_000 - SequenceWindow.SPAN + 1)).isEqualTo(NEW);
    }

    @Test
    void advancingClearsTheSlotsItPassesOver() {
        SequenceWindow w = new SequenceWindow();
        for (long s = 0; s < 3 * SequenceWindow.SPAN; s += 2) {
            assertThat(w.offer(s)).isEqualTo(NEW);
        }
        long top = 3 * SequenceWindow.SPAN - 2;
        assertThat(w.offer(top - 1)).isEqualTo(NEW); // odd numbers were never sent
        assertThat(w.offer(top - 2)).isEqualTo(DUPLICATE);
    }
}
