package io.fleetpulse.ingest.validate;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Reading;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a decoded {@link TelemetryEvent} against the contract's rules: ids present, timestamp
 * neither in the far future nor too old, sequence number non-negative, every present sensor reading
 * finite and inside its plausible range. Stateless and thread-safe; used by the gateway, CSV replay
 * and FeatureJob so all reject the same things for the same reasons.
 */
public final class TelemetryValidator {

    /** Default tolerance for device clocks running ahead. */
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(5);

    /** Default oldest accepted event (devices buffer while offline, but not forever). */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

    private final Clock clock;
    private final long maxFutureMs;
    private final long maxAgeMs;

    public TelemetryValidator(Clock clock, Duration maxFuture, Duration maxAge) {
        this.clock = clock;
        this.maxFutureMs = maxFuture.toMillis();
        this.maxAgeMs = maxAge.toMillis();
    }

    /** A validator with the default limits against the system clock. */
    public static TelemetryValidator withDefaults() {
        return new TelemetryValidator(Clock.systemUTC(), DEFAULT_MAX_FUTURE, DEFAULT_MAX_AGE);
    }

    /** A validator that accepts any event time (for replaying recorded history). */
    public static TelemetryValidator ignoringTime() {
        return new TelemetryValidator(
                Clock.systemUTC(), Duration.ofDays(365_000), Duration.ofDays(365_000));
    }

    /** All violations of {@code event}; empty when it is valid. */
    public List<Violation> validate(TelemetryEvent event) {
        List<Violation> out = new ArrayList<>(2);
        requireId(out, "vehicleId", event.getVehicleId());
        requireId(out, "driverId", event.getDriverId());
        long now = clock.millis();
        long t = event.getEventTime();
        if (t > now + maxFutureMs) {
            out.add(
                    new Violation(
                            RejectReason.FUTURE_TIMESTAMP,
                            "eventTime",
                            "eventTime "
                                    + Instant.ofEpochMilli(t)
                                    + " is more than "
                                    + Duration.ofMillis(maxFutureMs)
                                    + " ahead of the server clock "
                                    + Instant.ofEpochMilli(now)));
        } else if (t < now - maxAgeMs) {
            out.add(
                    new Violation(
                            RejectReason.STALE_TIMESTAMP,
                            "eventTime",
                            "eventTime "
                                    + Instant.ofEpochMilli(t)
                                    + " is older than "
                                    + Duration.ofMillis(maxAgeMs)));
        }
        if (event.getSeq() < 0) {
            out.add(
                    new Violation(
                            RejectReason.BAD_SEQUENCE,
                            "seq",
                            "seq must be >= 0 but was " + event.getSeq()));
        }
        Sensor.ALL.forEach(s -> checkRange(out, s, s.get(event)));
        ContextReading.ALL.forEach(c -> checkRange(out, c, c.get(event)));
        return out;
    }

    private static void checkRange(List<Violation> out, Reading r, Double v) {
        if (v != null && !Double.isFinite(v)) {
            out.add(
                    new Violation(
                            RejectReason.OUT_OF_RANGE,
                            r.field(),
                            r.field() + " = " + v + " is not a finite number"));
        } else if (v != null && !r.inRange(v)) {
            out.add(
                    new Violation(
                            RejectReason.OUT_OF_RANGE,
                            r.field(),
                            r.field()
                                    + " = "
                                    + v
                                    + " "
                                    + r.unit()
                                    + " is outside ["
                                    + r.min()
                                    + ", "
                                    + r.max()
                                    + "]"));
        }
    }

    private static void requireId(List<Violation> out, String field, String value) {
        if (value == null || value.isBlank()) {
            out.add(new Violation(RejectReason.MISSING_ID, field, field + " is missing or blank"));
        }
    }
}
