package io.fleetpulse.ingest.validate;

import static io.fleetpulse.ingest.testing.TelemetryFixtures.NOW;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.bareEvent;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.fullEvent;
import static io.fleetpulse.ingest.testing.TelemetryFixtures.validatorAtNow;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value rules: one test per rejection reason the validator owns, at its boundaries. */
class TelemetryValidatorTest {

    /** How far past a bound a rejected reading lies: small, to pin the bound itself. */
    private static final double JUST_PAST = 1e-6;

    private final TelemetryValidator validator = validatorAtNow();

    @Test
    void fullAndBareEventsAreValid() {
        assertThat(validator.validate(fullEvent("VEH-0001", 1))).isEmpty();
        assertThat(validator.validate(bareEvent("VEH-0001", 1))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void blankVehicleIdIsMissingId(String id) {
        TelemetryEvent e = fullEvent("VEH-0001", 1);
        e.setVehicleId(id);
        assertSingle(validator.validate(e), RejectReason.MISSING_ID, "vehicleId");
    }

    @Test
    void nullDriverIdIsMissingId() {
        TelemetryEvent e = fullEvent("VEH-0001", 1);
        e.setDriverId(null);
        assertSingle(validator.validate(e), RejectReason.MISSING_ID, "driverId");
    }

    @Test
    void eventTimeTooFarAheadIsFutureTimestamp() {
        long limit = NOW.plus(TelemetryValidator.DEFAULT_MAX_FUTURE).toEpochMilli();
        TelemetryEvent e = fullEvent("VEH-0001", 1);

        e.setEventTime(limit);
        assertThat(validator.validate(e)).isEmpty();

        e.setEventTime(limit + 1);
        assertSingle(validator.validate(e), RejectReason.FUTURE_TIMESTAMP, "eventTime");
    }

    @Test
    void eventTimeTooOldIsStaleTimestamp() {
        long limit = NOW.minus(TelemetryValidator.DEFAULT_MAX_AGE).toEpochMilli();
        TelemetryEvent e = fullEvent("VEH-0001", 1);

        e.setEventTime(limit);
        assertThat(validator.validate(e)).isEmpty();

        e.setEventTime(limit - 1);
        assertSingle(validator.validate(e), RejectReason.STALE_TIMESTAMP, "eventTime");
    }

    @Test
    void negativeSeqIsBadSequence() {
        TelemetryEvent e = fullEvent("VEH-0001", 1);
        e.setSeq(0);
        assertThat(validator.validate(e)).isEmpty();
        e.setSeq(-1);
        assertSingle(validator.validate(e), RejectReason.BAD_SEQUENCE, "seq");
    }

    @ParameterizedTest
    @EnumSource(Sensor.class)
    void readingsOnTheBoundsAreValid(Sensor s) {
        TelemetryEvent e = fullEvent("VEH-0001", 1);
        s.set(e, s.min());
        assertThat(validator.validate(e)).isEmpty();
        s.set(e, s.max());
        assertThat(validator.validate(e)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Sensor.class)
    void readingBelowMinimumIsOutOfRange(Sensor s) {
        TelemetryEvent e = fullEvent("VEH-0001", 1);
        s.set(e, s.min() - JUST_PAST);
        assertSingle(validator.validate(e), RejectReason.OUT_OF_RANGE, s.field());
    }

    @ParameterizedTest
    @EnumSource(Sensor.class)
    void readingAboveMaximumIsOutOfRange(Sensor s) {
        TelemetryEvent e = fullEvent("VEH-0001", 1);
        s.set(e, s.max() + Math.max(JUST_PAST, Math.ulp(s.max()) * 2));
        assertSingle(validator.validate(e), RejectReason.OUT_OF_RANGE, s.field());
    }

    @ParameterizedTest
    @EnumSource(Sensor.class)
    void nanAndInfinitiesAreOutOfRange(Sensor s) {
        for (double bad :
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            TelemetryEvent e = fullEvent("VEH-0001", 1);
            s.set(e, bad);
            List<Violation> violations = validator.validate(e);
            assertSingle(violations, RejectReason.OUT_OF_RANGE, s.field());
            assertThat(violations.get(0).detail()).contains("not a finite number");
        }
    }

    @Test
    void everyViolationOfAnEventIsReported() {
        TelemetryEvent e = fullEvent("VEH-0001", 1);
        e.setSeq(-5);
        Sensor.SPEED.set(e, 301.0);
        Sensor.COOLANT_TEMP.set(e, -41.0);

        assertThat(validator.validate(e))
                .extracting(Violation::reason, Violation::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RejectReason.BAD_SEQUENCE, "seq"),
                        org.assertj.core.groups.Tuple.tuple(RejectReason.OUT_OF_RANGE, "speedKmh"),
                        org.assertj.core.groups.Tuple.tuple(
                                RejectReason.OUT_OF_RANGE, "coolantTempC"));
    }

    @Test
    void ignoringTimeAcceptsOldRecordings() {
        TelemetryEvent e = fullEvent("VEH-0001", 1);
        e.setEventTime(0L);
        assertThat(TelemetryValidator.ignoringTime().validate(e)).isEmpty();
    }

    private static void assertSingle(
            List<Violation> violations, RejectReason reason, String field) {
        assertThat(violations).hasSize(1);
        Violation v = violations.get(0);
        assertThat(v.reason()).isEqualTo(reason);
        assertThat(v.field()).isEqualTo(field);
        assertThat(v.detail()).contains(field);
    }

    @Test
    void roadSpeedLimitOutsideItsRangeIsOutOfRange() {
        TelemetryEvent e = fullEvent("VEH-0001", 1);
        ContextReading.ROAD_SPEED_LIMIT.set(e, 50.0);
        assertThat(validator.validate(e)).isEmpty();
        ContextReading.ROAD_SPEED_LIMIT.set(e, ContextReading.ROAD_SPEED_LIMIT.max() + JUST_PAST);
        assertSingle(validator.validate(e), RejectReason.OUT_OF_RANGE, "roadSpeedLimitKmh");
    }
}
