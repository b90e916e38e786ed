package io.fleetpulse.flink;

import io.fleetpulse.flink.impute.MiceConfig;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * FeatureJob's options, each declared once with its key, type, default and description. Command
 * lines and configuration files are parsed elsewhere into a Flink {@code Configuration}; operators
 * read their settings from it through these options.
 */
public final class FeatureJobOptions {

    private FeatureJobOptions() {}

    /** How far ahead of the job's clock an event time may be (device clocks running fast). */
    public static final ConfigOption<Duration> MAX_CLOCK_SKEW =
            ConfigOptions.key("fleet.validate.max-clock-skew")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "Events whose eventTime is further ahead of the job's clock than this"
                                    + " go to the dead-letter topic as FUTURE_TIMESTAMP.");

    /**
     * The oldest event time accepted, relative to the job's clock; unset means no limit, so the job
     * can replay recorded history of any age.
     */
    public static final ConfigOption<Duration> MAX_EVENT_AGE =
            ConfigOptions.key("fleet.validate.max-event-age")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "Events older than this (event time against the job's clock) go to the"
                                    + " dead-letter topic as STALE_TIMESTAMP. Unset (the default):"
                                    + " no age limit, so replays of old history pass.");

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("fleet.kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue("127.0.0.1:19092")
                    .withDescription("Kafka bootstrap servers.");

    public static final ConfigOption<String> TOPIC_PREFIX =
            ConfigOptions.key("fleet.kafka.topic-prefix")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Prefix of every topic name (empty in production; tests use their own).");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("fleet.kafka.group-id")
                    .stringType()
                    .defaultValue("fleetpulse-feature-job")
                    .withDescription(
                            "Consumer group of the raw-telemetry source (offsets are also kept in checkpoints).");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("fleet.kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("fleetpulse-feature-job")
                    .withDescription(
                            "Prefix of the exactly-once sinks' transactional ids; must stay the same across restarts of the job.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("fleet.kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "Kafka transaction timeout of the exactly-once sinks; far above checkpoint interval plus restart time, at most the broker's transaction.max.timeout.ms.");

    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOptions.key("fleet.job.parallelism")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Parallelism of every operator.");

    public static final ConfigOption<Duration> TUMBLING_WINDOW =
            ConfigOptions.key("fleet.window.tumbling")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Tumbling feature window size; also the slide of the sliding window.");

    public static final ConfigOption<Duration> SLIDING_WINDOW =
            ConfigOptions.key("fleet.window.sliding")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "Sliding feature window size, a multiple of the tumbling size.");

    public static final ConfigOption<Duration> WINDOW_EMIT_SPREAD =
            ConfigOptions.key("fleet.window.emit-spread")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "Each vehicle's windows fire a fixed share of this (by vehicle id) after the watermark passes their end instead of all vehicles' at once (0, the default: measured, a 1 s or 3 s spread did not lower the event latency p99 and delays features). Shorter than the tumbling window; windows stay aligned.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            ConfigOptions.key("fleet.events.allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription(
                            "Bounded out-of-orderness of event time: the watermark trails the newest event time by this much; events behind the watermark go to the late topic.");

    public static final ConfigOption<Duration> SOURCE_IDLENESS =
            ConfigOptions.key("fleet.events.source-idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "A Kafka partition without events for this long stops holding back the watermark.");

    public static final ConfigOption<Duration> VEHICLE_IDLE_TIMEOUT =
            ConfigOptions.key("fleet.state.vehicle-idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription(
                            "A vehicle silent for this much event time has its keyed state cleared.");

    public static final ConfigOption<Integer> MICE_IMPUTATIONS =
            ConfigOptions.key("fleet.mice.imputations")
                    .intType()
                    .defaultValue(MiceConfig.DEFAULT_IMPUTATIONS)
                    .withDescription(
                            "m, the number of MICE chains (imputations) per missing value.");

    public static final ConfigOption<Integer> MICE_ITERATIONS =
            ConfigOptions.key("fleet.mice.iterations")
                    .intType()
                    .defaultValue(MiceConfig.DEFAULT_ITERATIONS)
                    .withDescription("Chained-equation sweeps per row.");

    public static final ConfigOption<Duration> MICE_HALF_LIFE =
            ConfigOptions.key("fleet.mice.half-life")
                    .durationType()
                    .defaultValue(MiceConfig.DEFAULT_HALF_LIFE)
                    .withDescription(
                            "Forgetting of the MICE regressions in event time (half-life).");

    public static final ConfigOption<Long> MICE_MIN_OBSERVATIONS =
            ConfigOptions.key("fleet.mice.min-observations")
                    .longType()
                    .defaultValue(MiceConfig.DEFAULT_MIN_OBSERVATIONS)
                    .withDescription(
                            "Observations a sensor's regression needs before it is used (cold start falls back to last observed or mean).");

    public static final ConfigOption<Integer> MICE_TRAIN_EVERY =
            ConfigOptions.key("fleet.mice.train-every")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Learn from one row in this many (1 = all).");

    public static final ConfigOption<Double> MICE_MAX_TRAIN_RATE =
            ConfigOptions.key("fleet.mice.max-train-rate")
                    .doubleType()
                    .defaultValue(2_000.0)
                    .withDescription(
                            "Learn from at most this many rows per second of event time per subtask (0 = no limit); above it the rows are still imputed, only not learned from.");

    public static final ConfigOption<Boolean> MICE_ENABLED =
            ConfigOptions.key("fleet.mice.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Whether to impute; off passes events through with missing values left missing (for benchmarks).");

    public static final ConfigOption<Boolean> FUSED_PIPELINE =
            ConfigOptions.key("fleet.pipeline.fused")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Run dedup, imputation, tumbling and sliding windows as one keyed operator with heap state flushed at checkpoints (fast); false runs them as four operators with per-event keyed state (the former job graph, kept for comparison).");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("fleet.checkpoint.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Checkpoint interval; exactly-once output becomes readable (read_committed) when a checkpoint completes.");

    public static final ConfigOption<String> CHECKPOINT_DIR =
            ConfigOptions.key("fleet.checkpoint.dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Where RocksDB incremental checkpoints go (a file:// URI); unset keeps them in memory (tests).");

    /** The MICE parameters from these options. */
    public static MiceConfig miceConfig(org.apache.flink.configuration.ReadableConfig c) {
        return MiceConfig.defaults()
                .withImputations(c.get(MICE_IMPUTATIONS))
                .withIterations(c.get(MICE_ITERATIONS))
                .withHalfLife(c.get(MICE_HALF_LIFE))
                .withMinObservations(c.get(MICE_MIN_OBSERVATIONS))
                .withTrainEvery(c.get(MICE_TRAIN_EVERY))
                .withMaxTrainRate(c.get(MICE_MAX_TRAIN_RATE));
    }
}
