package io.fleetpulse.learner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.learner.replica.LearnerSettings;
import org.junit.jupiter.api.Test;

class LearnerBenchTest {

    @Test
    void theReportedFigureIsTheMedianOfTheRuns() {
        assertThat(new LearnerBench.Rates(new double[] {30, 10, 20}).median()).isEqualTo(20);
        assertThat(new LearnerBench.Rates(new double[] {40, 10, 20, 30}).median()).isEqualTo(25);
        assertThat(new LearnerBench.Rates(new double[] {7}).median()).isEqualTo(7);
    }

    @Test
    void runsAreListedInTheOrderTheyRan() {
        assertThat(new LearnerBench.Rates(new double[] {3.4, 1.6, 2.5}).runs())
                .isEqualTo("3 / 2 / 3");
    }

    @Test
    void settingsRefuseNonPositiveValues() {
        LearnerSettings learner = LearnerSettings.defaults();
        assertThatThrownBy(() -> new LearnerBench.Settings(learner, 5, 100, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--repeats");
        assertThatThrownBy(() -> new LearnerBench.Settings(learner, 0, 100, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LearnerBench.Settings(learner, 5, 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
