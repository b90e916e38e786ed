package io.fleetpulse.flink.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.flink.FeatureJobOptions;
import io.fleetpulse.flink.JobEnvironments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.RocksDB;

/**
 * The RocksDB options for rewritten state: what they set, and that a job with a checkpoint
 * directory gets them unless the configuration names another options factory.
 */
class RewriteHeavyRocksDbOptionsTest {

    @Test
    void compactsFromMoreLevelZeroFilesWithoutCompression() {
        RocksDB.loadLibrary();
        List<AutoCloseable> handles = new ArrayList<>();
        try (ColumnFamilyOptions options =
                new RewriteHeavyRocksDbOptions()
                        .createColumnOptions(new ColumnFamilyOptions(), handles)) {
            assertThat(options.level0FileNumCompactionTrigger())
                    .isEqualTo(RewriteHeavyRocksDbOptions.L0_COMPACTION_TRIGGER);
            assertThat(options.level0SlowdownWritesTrigger())
                    .isGreaterThan(options.level0FileNumCompactionTrigger());
            assertThat(options.level0StopWritesTrigger())
                    .isGreaterThan(options.level0SlowdownWritesTrigger());
            assertThat(options.compressionType()).isEqualTo(CompressionType.NO_COMPRESSION);
        }
    }

    @Test
    void jobsWithACheckpointDirectoryUseThemUnlessConfiguredOtherwise(@TempDir Path dir) {
        Configuration job = new Configuration();
        job.set(FeatureJobOptions.CHECKPOINT_DIR, dir.toUri().toString());
        assertThat(
                        JobEnvironments.create(job)
                                .getConfiguration()
                                .get(RocksDBOptions.OPTIONS_FACTORY))
                .isEqualTo(RewriteHeavyRocksDbOptions.class.getName());
        job.set(RocksDBOptions.OPTIONS_FACTORY, "com.example.TheirOptions");
        assertThat(
                        JobEnvironments.create(job)
                                .getConfiguration()
                                .get(RocksDBOptions.OPTIONS_FACTORY))
                .isEqualTo("com.example.TheirOptions");
    }
}
