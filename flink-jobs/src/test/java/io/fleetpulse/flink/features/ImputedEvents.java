package io.fleetpulse.flink.features;

import io.fleetpulse.avro.ImputedTelemetry;
import io.fleetpulse.ingest.telemetry.ImputedFields;
import io.fleetpulse.ingest.telemetry.Sensor;
import java.util.List;
import java.util.Map;

/** Builds {@link ImputedTelemetry} test events: a cruising vehicle, with overrides. */
final class ImputedEvents {

    static final long BEGINNING = 1_700_000_000_000L;

    private ImputedEvents() {}

    static ImputedTelemetry at(long t, Map<Sensor, Double> overrides) {
        ImputedTelemetry e = new ImputedTelemetry();
        e.setVehicleId("V1");
        e.setDriverId("D1");
        e.setEventTime(t);
        e.setSeq((t - BEGINNING) / 200);
        e.setColdStartSensors(List.of());
        for (Sensor s : Sensor.ALL) {
            ImputedFields.set(e, s, cruising(s, t), false, 0.0);
        }
        overrides.forEach((s, v) -> ImputedFields.set(e, s, v, false, 0.0));
        return e;
    }

    static ImputedTelemetry imputed(ImputedTelemetry e, Sensor s) {
        ImputedFields.set(e, s, ImputedFields.value(e, s), true, 1.0);
        e.setImputedCount(e.getImputedCount() + 1);
        return e;
    }

    private static double cruising(Sensor s, long t) {
        double seconds = (t - BEGINNING) / 1000.0;
        double wiggle =
                ((t - BEGINNING) / 200) % 2 == 0 ? -1 : 1; // keeps values from looking stuck
        return switch (s) {
            case LATITUDE -> 52.0 + wiggle * 1e-7;
            case LONGITUDE -> 13.0 + seconds * (36.0 / 3600) / 68.7; // ~36 km/h east
            case SPEED -> 36.0;
            case ACCELERATION -> 0.0;
            case HEADING -> 90.0 + wiggle * 0.1;
            case ENGINE_RPM -> 1500.0 + (seconds % 2);
            case ENGINE_LOAD -> 30.0 + wiggle * 0.1;
            case THROTTLE -> 20.0 + wiggle * 0.1;
            case COOLANT_TEMP -> 90.0 + wiggle * 0.01;
            case OIL_PRESSURE -> 300.0 + (seconds % 3);
            case FUEL_RATE -> 10.0 + wiggle * 0.1;
            case FUEL_LEVEL -> 50.0 - seconds * 0.001;
            case BRAKE_PRESSURE -> 0.0;
            case BATTERY_VOLTAGE -> 14.0 + (seconds % 5) * 0.01;
            case ODOMETER -> 1000.0 + seconds * 0.01;
            case TYRE_PRESSURE -> 800.0 + (seconds % 7) * 0.1;
            case AMBIENT_TEMP -> 15.0 + (seconds % 11) * 0.01;
            case BRAKE_PAD -> 12.0 - seconds * 1e-5;
        };
    }
}
