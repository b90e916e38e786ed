package io.fleetpulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.stack.component.FeatureJobComponent;
import io.fleetpulse.stack.component.FlinkClusterComponent;
import io.fleetpulse.stack.component.FlinkJobsComponent;
import io.fleetpulse.stack.component.LearnerComponent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code --flink mini|cluster} picks which Flink components {@code fleet up} starts; {@code
 * --checkpoint-interval} reaches both jobs' options.
 */
class StackOptionsFlinkTest {

    @Command(name = "up")
    static final class Up {
        @Mixin StackOptions options;
    }

    private static StackConfig parse(String... args) {
        Up up = new Up();
        new CommandLine(up).parseArgs(args);
        return up.options.toConfig();
    }

    @Test
    void theMiniClusterIsTheDefault() {
        StackConfig c = parse();
        assertThat(c.wants(FeatureJobComponent.NAME)).isTrue();
        assertThat(c.wants(FlinkClusterComponent.NAME)).isFalse();
        assertThat(c.wants(FlinkJobsComponent.NAME)).isFalse();
    }

    @Test
    void clusterModeRunsTheSessionClusterAndItsJobsInsteadOfTheMiniCluster() {
        StackConfig c = parse("--flink", "cluster");
        assertThat(c.wants(FeatureJobComponent.NAME)).isFalse();
        assertThat(c.wants(LearnerComponent.NAME)).as("the cluster runs LearnerJob").isFalse();
        assertThat(c.wants(FlinkClusterComponent.NAME)).isTrue();
        assertThat(c.wants(FlinkJobsComponent.NAME)).isTrue();
    }

    @Test
    void clusterModeWithoutJobsKeepsTheClusterIdle() {
        StackConfig c = parse("--flink", "cluster", "--no-feature-job");
        assertThat(c.wants(FlinkClusterComponent.NAME)).isTrue();
        assertThat(c.wants(FlinkJobsComponent.NAME)).isFalse();
    }

    @Test
    void anUnknownModeIsAUsageError() {
        assertThatThrownBy(() -> parse("--flink", "yarn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mini or cluster");
    }

    @Test
    void withoutACheckpointIntervalTheJobsKeepTheirDefault() {
        assertThat(parse().jobOptions()).isEmpty();
        assertThat(parse().checkpointInterval()).isNull();
    }

    @Test
    void aCheckpointIntervalBecomesBothJobsOption() {
        StackConfig c = parse("--checkpoint-interval", "200ms");
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.jobOptions()).containsExactly("--fleet.checkpoint.interval", "200 ms");
        assertThat(parse("--checkpoint-interval", "PT2S").jobOptions())
                .containsExactly("--fleet.checkpoint.interval", "2000 ms");
    }

    @Test
    void aCheckpointIntervalUnder10MsIsRefused() {
        assertThatThrownBy(() -> parse("--checkpoint-interval", "5ms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 10 ms");
    }
}
