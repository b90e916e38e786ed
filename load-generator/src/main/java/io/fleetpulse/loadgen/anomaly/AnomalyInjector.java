package io.fleetpulse.loadgen.anomaly;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.DriverStyle;
import io.fleetpulse.loadgen.physics.Region;
import io.fleetpulse.loadgen.physics.Route;
import io.fleetpulse.loadgen.physics.Segment;
import io.fleetpulse.loadgen.physics.VehicleState;
import io.fleetpulse.loadgen.sensors.SensorModel;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Starts anomaly episodes for one vehicle at the configured rate: at most one at a time, of a kind
 * that can happen in the vehicle's current situation (harsh braking needs speed, theft a parked
 * vehicle), driver-caused kinds weighted by the driver's style.
 */
public final class AnomalyInjector {

    private static final double HARSH_MIN_KMH = 40;
    private static final double SPEEDING_ROOM_M = 300;
    private static final double WARM_ENGINE_C = 80;
    private static final double THEFT_MIN_PARKED_S = 120;

    /** Sensors a stuck fault may hit: all but the GPS position (GPS_JUMP) and pad wear. */
    static final Set<Sensor> STUCK_SENSORS =
            EnumSet.complementOf(EnumSet.of(Sensor.LATITUDE, Sensor.LONGITUDE, Sensor.BRAKE_PAD));

    /** Sensors a drift may hit: analogue measurements, not position, heading or counters. */
    static final Set<Sensor> DRIFT_SENSORS =
            EnumSet.complementOf(
                    EnumSet.of(
                            Sensor.LATITUDE,
                            Sensor.LONGITUDE,
                            Sensor.HEADING,
                            Sensor.ODOMETER,
                            Sensor.BRAKE_PAD));

    private static final Sensor[] STUCK = STUCK_SENSORS.toArray(new Sensor[0]);
    private static final Sensor[] DRIFT = DRIFT_SENSORS.toArray(new Sensor[0]);
    private static final AnomalyKind[] KINDS = AnomalyKind.values();

    private final AnomalyConfig config;
    private final DriverStyle style;
    private final SplittableRandom rng;
    private final double tankLitres;
    private final double[] weights = new double[KINDS.length];
    private final boolean enabled;

    public AnomalyInjector(
            AnomalyConfig config, DriverStyle style, double tankLitres, SplittableRandom rng) {
        this.config = config;
        this.style = style;
        this.tankLitres = tankLitres;
        this.rng = rng;
        this.enabled = config.enabled();
    }

    /** Reads this injector's fields, so that a step soon after finds them in the cache. */
    public long prefetch() {
        return enabled ? 1 : 0;
    }

    /**
     * Maybe starts an episode in this step of {@code dt} seconds; null if none starts. Draws one
     * random number per call when anomalies are enabled.
     */
    public Episode maybeStart(VehicleState s, Route route, double dt) {
        if (!enabled || rng.nextDouble() >= config.perVehicleHour() * dt / 3600) {
            return null;
        }
        double total = 0;
        for (AnomalyKind kind : KINDS) {
            double w = 0;
            if (config.kinds().contains(kind) && possible(kind, s, route)) {
                w = kind.driverCaused() ? style.riskFactor() : 1;
            }
            weights[kind.ordinal()] = w;
            total += w;
        }
        if (total == 0) {
            return null;
        }
        double pick = rng.nextDouble(total);
        for (AnomalyKind kind : KINDS) {
            pick -= weights[kind.ordinal()];
            if (pick < 0 && weights[kind.ordinal()] > 0) {
                return create(kind, s, route);
            }
        }
        return null;
    }

    private boolean possible(AnomalyKind kind, VehicleState s, Route route) {
        boolean driving = s.phase == VehicleState.Phase.DRIVING;
        double fuelPct = 100 * s.fuelLitres / tankLitres;
        Segment seg = route.current();
        return switch (kind) {
            case HARSH_BRAKING -> driving && s.speedMps * 3.6 > HARSH_MIN_KMH;
            case OVER_SPEEDING ->
                    driving
                            && s.speedMps > 0.5 * seg.limitMps()
                            && seg.lengthM() - s.segmentPosM > SPEEDING_ROOM_M;
            case ENGINE_OVERHEATING -> driving && s.engineOn && s.coolantC > WARM_ENGINE_C;
            case FUEL_LEAK -> fuelPct > 25 && s.phase != VehicleState.Phase.REFUELLING;
            case FUEL_THEFT ->
                    s.phase == VehicleState.Phase.PARKED
                            && s.phaseEndsS - s.timeS > THEFT_MIN_PARKED_S
                            && fuelPct > 40;
            case SENSOR_STUCK, SENSOR_DRIFT -> s.engineOn;
            case GPS_JUMP -> true;
        };
    }

    private Episode create(AnomalyKind kind, VehicleState s, Route route) {
        double now = s.timeS;
        return switch (kind) {
            case HARSH_BRAKING ->
                    new HarshBraking(
                            now + rng.nextDouble(1.5, 4),
                            rng.nextDouble(5.5, 8.5),
                            s.speedMps * 3.6);
            case OVER_SPEEDING ->
                    new OverSpeeding(
                            now + rng.nextDouble(20, 120),
                            route.current(),
                            rng.nextDouble(1.25, 1.45));
            case ENGINE_OVERHEATING -> new EngineOverheating(now + rng.nextDouble(150, 480));
            case FUEL_LEAK ->
                    new FuelLoss(kind, now + rng.nextDouble(120, 600), rng.nextDouble(25, 80));
            case FUEL_THEFT ->
                    new FuelLoss(kind, now + rng.nextDouble(40, 120), rng.nextDouble(900, 1800));
            case SENSOR_STUCK ->
                    new SensorStuck(
                            STUCK[rng.nextInt(STUCK.length)], now + rng.nextDouble(30, 600));
            case SENSOR_DRIFT -> drift(s, now);
            case GPS_JUMP -> gpsJump(s, now);
        };
    }

    private Episode drift(VehicleState s, double now) {
        Sensor sensor = DRIFT[rng.nextInt(DRIFT.length)];
        double duration = rng.nextDouble(180, 900);
        double span = sensor.max() - sensor.min();
        double truth = SensorModel.truthOf(sensor, s, 100 * s.fuelLitres / tankLitres);
        // Upward for sensors that often read zero (load, throttle, brake...), else toward the
        // farther end of the range, so the drifted value keeps growing instead of clamping.
        double sign =
                SensorModel.restsAtZero(sensor) || truth - sensor.min() < sensor.max() - truth
                        ? 1
                        : -1;
        double totalOffset = span * rng.nextDouble(0.05, 0.2);
        return new SensorDrift(sensor, now, now + duration, sign * totalOffset / duration);
    }

    private Episode gpsJump(VehicleState s, double now) {
        double seconds = rng.nextDouble(1, 8);
        double km = rng.nextDouble(AnomalyKind.GPS_JUMP_MIN_KM, 50);
        double bearing = rng.nextDouble(2 * Math.PI);
        double dLat = km * 1000 * Math.cos(bearing) / Region.METRES_PER_DEGREE;
        double dLon =
                km
                        * 1000
                        * Math.sin(bearing)
                        / (Region.METRES_PER_DEGREE * Math.cos(Math.toRadians(s.lat)));
        return new GpsJump(now + seconds, seconds, dLat, dLon, km);
    }
}
