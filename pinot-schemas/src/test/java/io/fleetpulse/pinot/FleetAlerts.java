package io.fleetpulse.pinot;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.avro.AlertContribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Known alerts for the Pinot integration test, in the order they are sent: one alert opened then
 * cleared, one whose CLEARED record arrives before its (older) OPEN record, alerts still open, and
 * one that started outside the named query's default interval.
 */
final class FleetAlerts {

    static final String OPENED_THEN_CLEARED = "V1/HARSH_BRAKING/1";
    static final String CLEARED_BEFORE_OPEN = "V3/MODEL_ANOMALY/1";
    static final String OPEN = "OPEN";
    static final String CLEARED = "CLEARED";
    static final String EXPLAINED_BY = "harshBrakeCount";

    private static final long MINUTE = 60_000;

    /** Every record, in sending order. */
    final List<Alert> sent = new ArrayList<>();

    FleetAlerts(FleetDataSet data) {
        long harsh = data.ago(Duration.ofMinutes(40));
        sent.add(alert(OPENED_THEN_CLEARED, "V1", "HARSH_BRAKING", "WARNING", "RULE", harsh, OPEN));
        sent.add(
                alert(
                        OPENED_THEN_CLEARED,
                        "V1",
                        "HARSH_BRAKING",
                        "WARNING",
                        "RULE",
                        harsh,
                        CLEARED));
        long again = data.ago(Duration.ofMinutes(35));
        sent.add(
                alert("V1/HARSH_BRAKING/2", "V1", "HARSH_BRAKING", "WARNING", "RULE", again, OPEN));
        long hot = data.ago(Duration.ofMinutes(30));
        sent.add(
                alert(
                        "V2/ENGINE_OVERHEATING/1",
                        "V2",
                        "ENGINE_OVERHEATING",
                        "CRITICAL",
                        "RULE",
                        hot,
                        OPEN));
        long model = data.ago(Duration.ofMinutes(20));
        sent.add(
                alert(
                        CLEARED_BEFORE_OPEN,
                        "V3",
                        "MODEL_ANOMALY",
                        "WARNING",
                        "MODEL",
                        model,
                        CLEARED));
        sent.add(
                alert(CLEARED_BEFORE_OPEN, "V3", "MODEL_ANOMALY", "WARNING", "MODEL", model, OPEN));
        long old = data.ago(Duration.ofHours(30));
        sent.add(alert("V2/HARSH_BRAKING/1", "V2", "HARSH_BRAKING", "INFO", "RULE", old, OPEN));
    }

    /** The latest state of every alert (highest emittedAt per alert id). */
    Map<String, Alert> latest() {
        return sent.stream()
                .collect(
                        Collectors.toMap(
                                Alert::getAlertId,
                                Function.identity(),
                                (a, b) ->
                                        Comparator.comparingLong(Alert::getEmittedAt).compare(a, b)
                                                        >= 0
                                                ? a
                                                : b));
    }

    /**
     * An alert record: a CLEARED one ends a minute after its start and is emitted two minutes
     * after, an OPEN one is emitted a minute after its start.
     */
    static Alert alert(
            String id,
            String vehicle,
            String kind,
            String severity,
            String source,
            long start,
            String status) {
        boolean cleared = status.equals(CLEARED);
        return Alert.newBuilder()
                .setAlertId(id)
                .setVehicleId(vehicle)
                .setDriverId("D" + vehicle.substring(1))
                .setKind(kind)
                .setStatus(status)
                .setSeverity(severity)
                .setSource(source)
                .setStartTime(start)
                .setEndTime(cleared ? start + MINUTE : null)
                .setDetectedAt(start + 10_000)
                .setWindowKind("TUMBLING_10S")
                .setScore(3.5)
                .setThreshold(2.0)
                .setModel(source.equals("MODEL") ? "autoencoder" : null)
                .setModelVersion(7)
                .setExplanation(
                        List.of(
                                AlertContribution.newBuilder()
                                        .setFeature(EXPLAINED_BY)
                                        .setValue(3.0)
                                        .setExpected(1.0)
                                        .setShare(0.8)
                                        .build()))
                .setMessage(kind + " on " + vehicle)
                .setEmittedAt(start + (cleared ? 2 : 1) * MINUTE)
                .build();
    }
}
