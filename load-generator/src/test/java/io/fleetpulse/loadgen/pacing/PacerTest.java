package io.fleetpulse.loadgen.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void intendedTimesAreStartPlusOffsetWhateverHappenedBefore() throws Exception {
        long start = System.nanoTime();
        Pacer pacer = new Pacer(start);
        assertThat(pacer.intendedNanos(5_000_000)).isEqualTo(start + 5_000_000);

        long due = pacer.awaitDue(20_000_000);
        assertThat(due).isEqualTo(start + 20_000_000);
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(due);

        // Behind schedule: returns at once with the original intended time, so the delay
        // counts as latency instead of moving the schedule.
        long late = pacer.awaitDue(1_000_000);
        assertThat(late).isEqualTo(start + 1_000_000);
    }
}
