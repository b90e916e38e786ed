package io.fleetpulse.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state backend a job with a checkpoint directory gets: RocksDB, unless configured. */
class JobEnvironmentsTest {

    @Test
    void aCheckpointDirectoryMeansIncrementalRocksDbUnlessAnotherBackendIsNamed(@TempDir Path dir) {
        Configuration job = new Configuration();
        job.set(FeatureJobOptions.CHECKPOINT_DIR, dir.toUri().toString());
        var chosen = JobEnvironments.create(job).getConfiguration();
        assertThat(chosen.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(chosen.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();

        job.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        var named = JobEnvironments.create(job).getConfiguration();
        assertThat(named.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(named.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(dir.toUri().toString());
    }
}
