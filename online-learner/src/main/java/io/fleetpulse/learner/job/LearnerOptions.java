package io.fleetpulse.learner.job;

import io.fleetpulse.learner.averaging.ParameterCompression;
import io.fleetpulse.learner.detect.AlertSettings;
import io.fleetpulse.learner.detect.RuleLimits;
import io.fleetpulse.learner.detect.ThresholdSettings;
import io.fleetpulse.learner.replica.LearnerSettings;
import io.fleetpulse.learner.train.AdamSettings;
import io.fleetpulse.learner.train.DjlRuntime.DeviceChoice;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * LearnerJob's options, each declared once with key, type, default and description. Kafka and
 * checkpoint keys are the same as FeatureJob's, so one configuration can drive both jobs.
 */
public final class LearnerOptions {

    private LearnerOptions() {}

    private static final LearnerSettings D = LearnerSettings.defaults();
    private static final ThresholdSettings T = ThresholdSettings.DEFAULTS;
    private static final RuleLimits R = RuleLimits.DEFAULTS;
    private static final AlertSettings A = AlertSettings.DEFAULTS;

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("fleet.kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue("127.0.0.1:19092")
                    .withDescription("Kafka bootstrap servers.");

    public static final ConfigOption<String> TOPIC_PREFIX =
            ConfigOptions.key("fleet.kafka.topic-prefix")
                    .stringType()
                    .defaultValue("")
                    .withDescription("Prefix of every topic name (empty in production).");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("fleet.kafka.group-id")
                    .stringType()
                    .defaultValue("fleetpulse-learner")
                    .withDescription("Consumer group of the features and models sources.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("fleet.kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("fleetpulse-learner")
                    .withDescription(
                            "Prefix of the exactly-once sinks' transactional ids; keep it across restarts.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("fleet.kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "Transaction timeout of the exactly-once sinks; far above checkpoint interval plus restart time.");

    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOptions.key("fleet.job.parallelism")
                    .intType()
                    .defaultValue(2)
                    .withDescription(
                            "Learner replicas P (parallelism of the sources, learner and alerts; the averager runs with 1).");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("fleet.checkpoint.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "Checkpoint interval; alerts and model snapshots become readable (read_committed) at checkpoints.");

    public static final ConfigOption<String> CHECKPOINT_DIR =
            ConfigOptions.key("fleet.checkpoint.dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Where RocksDB incremental checkpoints go (a file:// URI); a restart resumes from the newest. Unset: in memory.");

    public static final ConfigOption<Integer> BATCH_SIZE =
            ConfigOptions.key("fleet.learner.batch-size")
                    .intType()
                    .defaultValue(D.batchSize())
                    .withDescription("Feature vectors per mini-batch.");

    public static final ConfigOption<Duration> REPORT_EVERY =
            ConfigOptions.key("fleet.learner.average-every")
                    .durationType()
                    .defaultValue(Duration.ofMillis(D.reportEveryMs()))
                    .withDescription(
                            "T: each replica sends its parameters to the averager this often (processing time).");

    public static final ConfigOption<Integer> REPORT_EVERY_BATCHES =
            ConfigOptions.key("fleet.learner.average-every-batches")
                    .intType()
                    .defaultValue(D.reportEveryBatches())
                    .withDescription("K: ... or after this many mini-batches, whichever first.");

    public static final ConfigOption<Duration> STRAGGLER_TIMEOUT =
            ConfigOptions.key("fleet.learner.straggler-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "An averaging round closes with the replicas present this long after it opened.");

    public static final ConfigOption<Long> COLD_START_SAMPLES =
            ConfigOptions.key("fleet.learner.cold-start-samples")
                    .longType()
                    .defaultValue(D.coldStartSamples())
                    .withDescription(
                            "A model alerts only once its published version was trained on this many samples.");

    public static final ConfigOption<Double> THRESHOLD_QUANTILE =
            ConfigOptions.key("fleet.learner.threshold-quantile")
                    .doubleType()
                    .defaultValue(T.quantile())
                    .withDescription("Score quantile a model's adaptive threshold tracks.");

    public static final ConfigOption<Double> THRESHOLD_MARGIN =
            ConfigOptions.key("fleet.learner.threshold-margin")
                    .doubleType()
                    .defaultValue(T.margin())
                    .withDescription("Threshold = margin x quantile.");

    public static final ConfigOption<Integer> THRESHOLD_WINDOW =
            ConfigOptions.key("fleet.learner.threshold-window")
                    .intType()
                    .defaultValue(T.window())
                    .withDescription("Scores per quantile generation (how fast thresholds adapt).");

    public static final ConfigOption<Integer> THRESHOLD_MIN_SCORES =
            ConfigOptions.key("fleet.learner.threshold-min-scores")
                    .intType()
                    .defaultValue(T.minScores())
                    .withDescription("Scores a replica needs before a threshold is used.");

    public static final ConfigOption<Double> LEARNING_RATE =
            ConfigOptions.key("fleet.learner.learning-rate")
                    .doubleType()
                    .defaultValue((double) D.adam().learningRate())
                    .withDescription("Adam learning rate.");

    public static final ConfigOption<String> DEVICE =
            ConfigOptions.key("fleet.learner.device")
                    .stringType()
                    .defaultValue("auto")
                    .withDescription(
                            "auto (GPU if DJL finds one, else CPU with one thread), cpu or gpu.");

    public static final ConfigOption<Long> SEED =
            ConfigOptions.key("fleet.learner.seed")
                    .longType()
                    .defaultValue(D.seed())
                    .withDescription("Seed of the starting weights (shared by every replica).");

    public static final ConfigOption<String> COMPRESSION =
            ConfigOptions.key("fleet.learner.compression")
                    .stringType()
                    .defaultValue("none")
                    .withDescription(
                            "How replicas encode parameters for the averager: none, fp16 or int8.");

    public static final ConfigOption<Boolean> SKIP_TRAINING_ON_FINDINGS =
            ConfigOptions.key("fleet.learner.skip-training-on-findings")
                    .booleanType()
                    .defaultValue(D.skipTrainingOnFindings())
                    .withDescription("Do not learn from windows that raised a finding.");

    public static final ConfigOption<Boolean> KEEP_LOCAL_PROGRESS =
            ConfigOptions.key("fleet.learner.keep-local-progress")
                    .booleanType()
                    .defaultValue(D.keepLocalProgress())
                    .withDescription(
                            "On adopting an average, keep the replica's own training since the report it included (false: plain FedAvg reset).");

    public static final ConfigOption<Duration> ALERT_QUIET =
            ConfigOptions.key("fleet.alerts.quiet-period")
                    .durationType()
                    .defaultValue(Duration.ofMillis(A.quietMs()))
                    .withDescription(
                            "An alert clears once a window without its condition ends this long (event time) after the last with it.");

    public static final ConfigOption<Integer> ALERT_MAX_PER_HOUR =
            ConfigOptions.key("fleet.alerts.max-per-vehicle-hour")
                    .intType()
                    .defaultValue(A.maxOpensPerHour())
                    .withDescription("Rate limit: alerts opened per vehicle per hour.");

    public static final ConfigOption<Duration> ALERT_IDLE_CLEAR =
            ConfigOptions.key("fleet.alerts.idle-clear")
                    .durationType()
                    .defaultValue(Duration.ofMillis(A.idleClearMs()))
                    .withDescription(
                            "Open alerts of a vehicle that sends nothing for this long clear (and its state goes).");

    public static final ConfigOption<Duration> ALERT_CONFIRM_MODEL =
            ConfigOptions.key("fleet.alerts.confirm-model-within")
                    .durationType()
                    .defaultValue(Duration.ofMillis(A.confirmModelMs()))
                    .withDescription(
                            "A model finding alerts only if a later window of the vehicle, not overlapping the first, confirms it within this long (0: no confirmation).");

    public static final ConfigOption<Double> RULE_COOLANT_C =
            ConfigOptions.key("fleet.rules.coolant-warn-c")
                    .doubleType()
                    .defaultValue(R.coolantWarnC())
                    .withDescription("Coolant (window max) above this is ENGINE_OVERHEATING.");

    public static final ConfigOption<Double> RULE_COOLANT_CRITICAL_C =
            ConfigOptions.key("fleet.rules.coolant-critical-c")
                    .doubleType()
                    .defaultValue(R.coolantCriticalC())
                    .withDescription("... and above this, CRITICAL.");

    public static final ConfigOption<Double> RULE_HARSH_BRAKE_MPS2 =
            ConfigOptions.key("fleet.rules.harsh-brake-mps2")
                    .doubleType()
                    .defaultValue(R.harshBrakeMps2())
                    .withDescription(
                            "Deceleration (m/s^2, window minimum) that raises HARSH_BRAKING (0: off).");

    public static final ConfigOption<Double> RULE_OVER_SPEED_KMH =
            ConfigOptions.key("fleet.rules.over-speed-kmh")
                    .doubleType()
                    .defaultValue(R.overSpeedKmh())
                    .withDescription("Window maximum speed that raises OVER_SPEEDING.");

    public static final ConfigOption<Double> RULE_GPS_JUMP_KM =
            ConfigOptions.key("fleet.rules.gps-jump-km")
                    .doubleType()
                    .defaultValue(R.gpsJumpKm())
                    .withDescription("A GPS jump this large raises GPS_JUMP.");

    public static final ConfigOption<Integer> RULE_STUCK_EVENTS =
            ConfigOptions.key("fleet.rules.stuck-min-events")
                    .intType()
                    .defaultValue(R.stuckMinEvents())
                    .withDescription(
                            "An engine-driven sensor repeating one value over a window of this many events while the engine runs: SENSOR_STUCK (0: off).");

    public static final ConfigOption<Double> RULE_FUEL_DROP_PER_LITRE =
            ConfigOptions.key("fleet.rules.fuel-drop-per-litre")
                    .doubleType()
                    .defaultValue(R.fuelDropPerLitre())
                    .withDescription("Fuel level falling this many % per litre burnt: FUEL_LEAK.");

    public static final ConfigOption<Double> RULE_STUCK_SECONDS =
            ConfigOptions.key("fleet.rules.stuck-min-seconds")
                    .doubleType()
                    .defaultValue(R.stuckMinSeconds())
                    .withDescription(
                            "A sensor reporting one exact observed value this long while the vehicle moves: SENSOR_STUCK (0: off).");

    public static final ConfigOption<Double> RULE_THEFT_DROP_PCT_PER_MIN =
            ConfigOptions.key("fleet.rules.theft-drop-pct-per-min")
                    .doubleType()
                    .defaultValue(R.theftDropPctPerMin())
                    .withDescription(
                            "Fuel level falling this many % per minute while standing: FUEL_THEFT (slower: FUEL_LEAK).");

    /** The replica settings these options describe. */
    public static LearnerSettings settings(ReadableConfig c) {
        return new LearnerSettings.Builder()
                .batchSize(c.get(BATCH_SIZE))
                .reportEveryMs(c.get(REPORT_EVERY).toMillis())
                .reportEveryBatches(c.get(REPORT_EVERY_BATCHES))
                .coldStartSamples(c.get(COLD_START_SAMPLES))
                .thresholds(
                        new ThresholdSettings(
                                c.get(THRESHOLD_QUANTILE),
                                c.get(THRESHOLD_MARGIN),
                                c.get(THRESHOLD_WINDOW),
                                c.get(THRESHOLD_MIN_SCORES)))
                .rules(rules(c))
                .adam(AdamSettings.withLearningRate(c.get(LEARNING_RATE).floatValue()))
                .device(DeviceChoice.parse(c.get(DEVICE)))
                .seed(c.get(SEED))
                .compression(ParameterCompression.parse(c.get(COMPRESSION)))
                .skipTrainingOnFindings(c.get(SKIP_TRAINING_ON_FINDINGS))
                .keepLocalProgress(c.get(KEEP_LOCAL_PROGRESS))
                .build();
    }

    /** The physical rules' limits. */
    public static RuleLimits rules(ReadableConfig c) {
        return new RuleLimits(
                c.get(RULE_COOLANT_C),
                c.get(RULE_COOLANT_CRITICAL_C),
                c.get(RULE_HARSH_BRAKE_MPS2),
                c.get(RULE_OVER_SPEED_KMH),
                c.get(RULE_GPS_JUMP_KM),
                c.get(RULE_STUCK_EVENTS),
                c.get(RULE_STUCK_SECONDS),
                c.get(RULE_FUEL_DROP_PER_LITRE),
                R.fuelLeakMinDropPct(),
                c.get(RULE_THEFT_DROP_PCT_PER_MIN),
                R.parkedKm());
    }

    /** The alerting settings. */
    public static AlertSettings alerts(ReadableConfig c) {
        return new AlertSettings(
                c.get(ALERT_QUIET).toMillis(),
                c.get(ALERT_MAX_PER_HOUR),
                c.get(ALERT_IDLE_CLEAR).toMillis(),
                c.get(ALERT_CONFIRM_MODEL).toMillis());
    }
}
