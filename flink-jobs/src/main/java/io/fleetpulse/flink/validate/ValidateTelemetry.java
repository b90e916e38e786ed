package io.fleetpulse.flink.validate;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.FeatureJobOptions;
import io.fleetpulse.flink.telemetry.RawTelemetry;
import io.fleetpulse.ingest.validate.DeadLetters;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.validate.TelemetryValidator;
import io.fleetpulse.ingest.validate.Violation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * FeatureJob's first operator after the source: runs the contract's {@link TelemetryValidator} on
 * every decoded event and emits valid events on the main output. Records that could not be decoded
 * and events that break a rule go to the {@link #DEAD_LETTERS} side output as {@link DeadLetter}s
 * with the reason and the original bytes; nothing is dropped silently and nothing fails the job.
 * Counts both in the metrics {@value #VALID_EVENTS_METRIC} and {@value #DEAD_LETTERS_METRIC}.
 */
public class ValidateTelemetry extends ProcessFunction<RawTelemetry, TelemetryEvent> {

    private static final long serialVersionUID = 1L;

    /** The dead-letter {@code stage} this operator writes. */
    public static final String STAGE = "feature-job";

    /** Content type of a dead letter's payload: the Kafka record value as read. */
    public static final String PAYLOAD_CONTENT_TYPE = "avro/binary";

    public static final String VALID_EVENTS_METRIC = "validEvents";
    public static final String DEAD_LETTERS_METRIC = "deadLetters";

    /** Side output of rejected records. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

    /** Stands for "no age limit": far enough back for any replay, small enough not to overflow. */
    private static final Duration UNLIMITED_AGE = Duration.ofDays(365_000);

    private final Clock clock;
    private final Duration maxClockSkew;
    private final Duration maxEventAge;

    private transient TelemetryValidator validator;
    private transient Counter validEvents;
    private transient Counter deadLetters;

    /**
     * @param clock the clock event times are checked against and dead letters are stamped with
     * @param maxClockSkew how far in the future an event time may be
     * @param maxEventAge how old an event time may be, or null for no limit (replays)
     */
    public ValidateTelemetry(Clock clock, Duration maxClockSkew, Duration maxEventAge) {
        if (maxClockSkew == null || maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew must be >= 0, was " + maxClockSkew);
        }
        if (maxEventAge != null && maxEventAge.isNegative()) {
            throw new IllegalArgumentException("maxEventAge must be >= 0, was " + maxEventAge);
        }
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
        this.maxEventAge = maxEventAge;
    }

    /** The operator configured from FeatureJob's options, against the system clock. */
    public static ValidateTelemetry fromConfig(ReadableConfig config) {
        return new ValidateTelemetry(
                Clock.systemUTC(),
                config.get(FeatureJobOptions.MAX_CLOCK_SKEW),
                config.getOptional(FeatureJobOptions.MAX_EVENT_AGE).orElse(null));
    }

    @Override
    public void open(OpenContext openContext) {
        validator =
                new TelemetryValidator(
                        clock, maxClockSkew, maxEventAge == null ? UNLIMITED_AGE : maxEventAge);
        validEvents = getRuntimeContext().getMetricGroup().counter(VALID_EVENTS_METRIC);
        deadLetters = getRuntimeContext().getMetricGroup().counter(DEAD_LETTERS_METRIC);
    }

    @Override
    public void processElement(RawTelemetry raw, Context ctx, Collector<TelemetryEvent> out) {
        List<Violation> violations =
                raw.isDecoded()
                        ? validator.validate(raw.getEvent())
                        : List.of(new Violation(rejectReasonOf(raw), null, raw.getRejectDetail()));
        if (violations.isEmpty()) {
            validEvents.inc();
            out.collect(raw.getEvent());
            return;
        }
        DeadLetter letter =
                DeadLetters.of(
                        STAGE,
                        raw.getTopic(),
                        raw.vehicleId(),
                        PAYLOAD_CONTENT_TYPE,
                        raw.getPayload(),
                        violations,
                        clock.millis());
        letter.setDetail(letter.getDetail() + " [at " + raw.location() + "]");
        deadLetters.inc();
        ctx.output(DEAD_LETTERS, letter);
    }

    private static RejectReason rejectReasonOf(RawTelemetry raw) {
        return raw.getRejectReason() == null ? RejectReason.MALFORMED : raw.getRejectReason();
    }
}
