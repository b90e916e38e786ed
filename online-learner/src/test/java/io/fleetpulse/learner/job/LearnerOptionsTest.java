package io.fleetpulse.learner.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetpulse.flink.FeatureJobOptions;
import io.fleetpulse.flink.JobArgs;
import io.fleetpulse.learner.averaging.ParameterCompression;
import io.fleetpulse.learner.detect.OpenAlert;
import io.fleetpulse.learner.detect.ScoredWindow;
import io.fleetpulse.learner.detect.VehicleAlerts;
import io.fleetpulse.learner.replica.LearnerSettings;
import io.fleetpulse.learner.train.DjlRuntime.DeviceChoice;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class LearnerOptionsTest {

    @Test
    void sharedKeysAndDefaultsMatchFeatureJobsSoItsEnvironmentFactoryApplies() {
        List<ConfigOption<?>[]> pairs =
                List.of(
                        new ConfigOption<?>[] {
                            LearnerOptions.PARALLELISM, FeatureJobOptions.PARALLELISM
                        },
                        new ConfigOption<?>[] {
                            LearnerOptions.CHECKPOINT_INTERVAL,
                            FeatureJobOptions.CHECKPOINT_INTERVAL
                        },
                        new ConfigOption<?>[] {
                            LearnerOptions.CHECKPOINT_DIR, FeatureJobOptions.CHECKPOINT_DIR
                        },
                        new ConfigOption<?>[] {
                            LearnerOptions.BOOTSTRAP_SERVERS, FeatureJobOptions.BOOTSTRAP_SERVERS
                        },
                        new ConfigOption<?>[] {
                            LearnerOptions.TOPIC_PREFIX, FeatureJobOptions.TOPIC_PREFIX
                        });
        for (ConfigOption<?>[] p : pairs) {
            assertThat(p[0].key()).isEqualTo(p[1].key());
            assertThat(p[0].hasDefaultValue()).isEqualTo(p[1].hasDefaultValue());
            if (p[0].hasDefaultValue()) {
                assertThat(p[0].defaultValue()).isEqualTo(p[1].defaultValue());
            }
        }
    }

    @Test
    void theCommandLineBecomesReplicaSettings() {
        Configuration c =
                JobArgs.parse(
                        new String[] {
                            "--fleet.learner.batch-size", "64",
                            "--fleet.learner.compression", "int8",
                            "--fleet.learner.device", "cpu",
                            "--fleet.learner.average-every", "3 s",
                            "--fleet.rules.coolant-warn-c=105"
                        },
                        LearnerOptions.class);
        LearnerSettings s = LearnerOptions.settings(c);
        assertThat(s.batchSize()).isEqualTo(64);
        assertThat(s.compression()).isEqualTo(ParameterCompression.INT8);
        assertThat(s.device()).isEqualTo(DeviceChoice.CPU);
        assertThat(s.reportEveryMs()).isEqualTo(3_000);
        assertThat(s.rules().coolantWarnC()).isEqualTo(105);
        assertThat(LearnerOptions.settings(new Configuration()))
                .isEqualTo(LearnerSettings.defaults());

        Configuration bad =
                JobArgs.parse(new String[] {"--fleet.learner.device", "tpu"}, LearnerOptions.class);
        assertThatThrownBy(() -> LearnerOptions.settings(bad))
                .hasMessageContaining("auto, cpu or gpu");
        assertThatThrownBy(
                        () ->
                                JobArgs.parse(
                                        new String[] {"--fleet.learner.batch-size", "many"},
                                        LearnerOptions.class))
                .hasMessageContaining("batch-size");
    }

    @Test
    void whatFlowsBetweenOperatorsIsAFlinkPojoNotAGenericType() {
        for (Class<?> c :
                new Class<?>[] {
                    ScoredWindow.class,
                    VehicleAlerts.class,
                    OpenAlert.class,
                    SnapshotRecord.class,
                    ReportEnvelope.class
                }) {
            assertThat(TypeInformation.of(c))
                    .as(c.getSimpleName())
                    .isInstanceOf(PojoTypeInfo.class);
        }
    }
}
