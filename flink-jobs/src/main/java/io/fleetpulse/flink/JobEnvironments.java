package io.fleetpulse.flink;

import io.fleetpulse.flink.state.RewriteHeavyRocksDbOptions;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Creates the execution environment of a FleetPulse job: exactly-once checkpoints at the configured
 * interval, RocksDB (unless {@code state.backend.type} says otherwise; the changelog state backend
 * can be switched on with Flink's {@code state.changelog.*} settings) with incremental checkpoints
 * to the configured directory (options for state that is rewritten at every checkpoint: {@link
 * RewriteHeavyRocksDbOptions}; retained on cancel, and resumed from on the next start, skipping
 * state of operators the job no longer has), object reuse, and — for {@code --local} — a mini
 * cluster whose every server binds 127.0.0.1 with temp files under the project's work directory.
 */
public final class JobEnvironments {

    /** The command-line flag that selects the embedded mini cluster. */
    public static final String LOCAL_FLAG = "local";

    private JobEnvironments() {}

    public static StreamExecutionEnvironment create(Configuration jobConfig) {
        Configuration c = new Configuration(jobConfig);
        c.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                jobConfig.get(FeatureJobOptions.CHECKPOINT_INTERVAL));
        c.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        c.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        jobConfig
                .getOptional(FeatureJobOptions.CHECKPOINT_DIR)
                .ifPresent(
                        dir -> {
                            if (!c.contains(StateBackendOptions.STATE_BACKEND)) {
                                c.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
                            }
                            c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
                            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
                            if (!c.contains(RocksDBOptions.OPTIONS_FACTORY)) {
                                c.set(
                                        RocksDBOptions.OPTIONS_FACTORY,
                                        RewriteHeavyRocksDbOptions.class.getName());
                            }
                            LatestCheckpoint.under(dir)
                                    .ifPresent(
                                            p -> {
                                                c.set(StateRecoveryOptions.SAVEPOINT_PATH, p);
                                                // A checkpoint of the other job graph (fused or
                                                // not) has window operators this one lacks:
                                                // their open panes are dropped, all else kept.
                                                c.set(
                                                        StateRecoveryOptions
                                                                .SAVEPOINT_IGNORE_UNCLAIMED_STATE,
                                                        true);
                                            });
                        });
        boolean local = Boolean.parseBoolean(jobConfig.toMap().getOrDefault(LOCAL_FLAG, "false"));
        StreamExecutionEnvironment env;
        if (local) {
            bindToLoopback(c);
            env = StreamExecutionEnvironment.createLocalEnvironment(c);
        } else {
            env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        }
        env.setParallelism(jobConfig.get(FeatureJobOptions.PARALLELISM));
        env.getConfig().enableObjectReuse();
        return env;
    }

    private static void bindToLoopback(Configuration c) {
        String loopback = "127.0.0.1";
        c.set(RestOptions.BIND_ADDRESS, loopback);
        c.set(RestOptions.ADDRESS, loopback);
        if (!c.contains(RestOptions.BIND_PORT)) {
            c.set(RestOptions.BIND_PORT, "0");
        }
        c.set(JobManagerOptions.BIND_HOST, loopback);
        c.set(JobManagerOptions.ADDRESS, loopback);
        c.set(TaskManagerOptions.BIND_HOST, loopback);
        c.set(TaskManagerOptions.HOST, loopback);
        String work = System.getProperty("fleet.work.dir", "work");
        c.set(CoreOptions.TMP_DIRS, Path.of(work, "flink-tmp").toAbsolutePath().toString());
    }
}
