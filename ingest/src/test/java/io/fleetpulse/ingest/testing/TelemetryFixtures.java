package io.fleetpulse.ingest.testing;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.validate.TelemetryValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared test data for telemetry: fixed instants, a clock pinned to them, and builders for valid
 * events (every sensor at a plausible reading, or none at all) that tests then bend into the case
 * they need. Deterministic: the same arguments give equal events.
 */
public final class TelemetryFixtures {

    /** The instant test fleets start driving; event times are this plus whole seconds. */
    public static final Instant BEGINNING = Instant.parse("2025-06-02T06:00:00Z");

    /** A "now" one hour after {@link #BEGINNING}, where test validators stand. */
    public static final Instant NOW = BEGINNING.plus(Duration.ofHours(1));

    private TelemetryFixtures() {}

    /** A clock that always reads {@link #NOW}. */
    public static Clock clockAtNow() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** A validator with the default limits standing at {@link #NOW}. */
    public static TelemetryValidator validatorAtNow() {
        return new TelemetryValidator(
                clockAtNow(),
                TelemetryValidator.DEFAULT_MAX_FUTURE,
                TelemetryValidator.DEFAULT_MAX_AGE);
    }

    /** The id of test vehicle {@code n}, e.g. {@code VEH-0007}. */
    public static String vehicleId(int n) {
        return String.format("VEH-%04d", n);
    }

    /**
     * A valid event of {@code vehicleId} with sequence number {@code seq}, taken {@code seq}
     * seconds after {@link #BEGINNING}, every sensor present and inside its range.
     */
    public static TelemetryEvent fullEvent(String vehicleId, long seq) {
        TelemetryEvent e = bareEvent(vehicleId, seq);
        for (Sensor s : Sensor.ALL) {
            s.set(e, plausibleReading(s, seq));
        }
        return e;
    }

    /** As {@link #fullEvent} but with every sensor missing (null). */
    public static TelemetryEvent bareEvent(String vehicleId, long seq) {
        return TelemetryEvent.newBuilder()
                .setVehicleId(vehicleId)
                .setDriverId("DRV-" + vehicleId)
                .setEventTime(BEGINNING.plusSeconds(seq).toEpochMilli())
                .setSeq(seq)
                .build();
    }

    /** {@code count} full events of one vehicle with sequence numbers 0..count-1. */
    public static List<TelemetryEvent> drive(String vehicleId, int count) {
        List<TelemetryEvent> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(fullEvent(vehicleId, i));
        }
        return out;
    }

    /**
     * A reading strictly inside {@code sensor}'s range that varies with {@code seq} and has a
     * fractional part (so lossy number handling would show).
     */
    public static double plausibleReading(Sensor sensor, long seq) {
        double span = sensor.max() - sensor.min();
        double fraction = 0.25 + 0.5 * ((seq * 37 + sensor.ordinal() * 11) % 100) / 100.0;
        return sensor.min() + span * fraction + 0.125;
    }
}
