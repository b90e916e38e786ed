package io.fleetpulse.learner.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AdaptiveThresholdTest {

    @Test
    void isNotReadyBeforeItsColdStartThenFlagsOnlyTheTail() {
        AdaptiveThreshold t = new AdaptiveThreshold(new ThresholdSettings(0.99, 1.0, 5_000, 300));
        Random random = new Random(1);
        for (int i = 0; i < 299; i++) {
            t.add(Math.abs(random.nextGaussian()));
        }
        assertThat(t.ready()).isFalse();
        assertThat(t.exceeds(1e9)).isFalse();
        for (int i = 0; i < 4_701; i++) {
            t.add(Math.abs(random.nextGaussian()));
        }
        assertThat(t.ready()).isTrue();
        // The 0.99 quantile of |N(0,1)| is 2.576.
        assertThat(t.value()).isCloseTo(2.576, within(0.15));
        int flagged = 0;
        for (int i = 0; i < 10_000; i++) {
            if (t.exceeds(Math.abs(random.nextGaussian()))) {
                flagged++;
            }
        }
        assertThat(flagged).isBetween(50, 160);
    }

    @Test
    void followsScoresThatShrinkAsTheModelImproves() {
        AdaptiveThreshold t = new AdaptiveThreshold(new ThresholdSettings(0.9, 2.0, 1_000, 100));
        Random random = new Random(2);
        for (int i = 0; i < 2_000; i++) {
            t.add(10 * random.nextDouble());
        }
        assertThat(t.value()).isCloseTo(18, within(1.0));
        for (int i = 0; i < 2_000; i++) {
            t.add(random.nextDouble());
        }
        assertThat(t.value()).isCloseTo(1.8, within(0.1));
        assertThat(t.exceeds(5)).isTrue();
    }
}
