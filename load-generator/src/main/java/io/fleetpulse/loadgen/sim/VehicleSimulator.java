package io.fleetpulse.loadgen.sim;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.anomaly.AnomalyInjector;
import io.fleetpulse.loadgen.anomaly.Episode;
import io.fleetpulse.loadgen.physics.Disturbances;
import io.fleetpulse.loadgen.physics.DriverStyle;
import io.fleetpulse.loadgen.physics.Region;
import io.fleetpulse.loadgen.physics.Route;
import io.fleetpulse.loadgen.physics.VehicleDynamics;
import io.fleetpulse.loadgen.physics.VehicleParams;
import io.fleetpulse.loadgen.physics.VehicleState;
import io.fleetpulse.loadgen.sensors.MapMatching;
import io.fleetpulse.loadgen.sensors.MissingnessModel;
import io.fleetpulse.loadgen.sensors.SensorModel;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One vehicle with its driver: each message period it runs the physics, measures every sensor,
 * applies any active anomaly, decides what is missing, and (unless the message is lost) fills a
 * {@link TelemetryEvent} with the posted limit its map matching reports. Its five random streams
 * (physics, sensor noise, missingness, anomalies, map coverage) are split from one per-vehicle
 * stream, so changing, say, missingness leaves its driving alone. After a sent step it is that
 * step's {@link TelemetryMessage}.
 */
public final class VehicleSimulator implements TelemetryMessage {

    private static final Sensor[] SENSORS = SensorModel.SENSORS;
    private static final double PARKED_AT_START = 0.1;
    private static final double COLD_AT_START = 0.25;

    /** Vehicles start this far inside the region (degrees). */
    private static final double START_MARGIN_DEG = 0.03;

    private final String vehicleId;
    private final String driverId;
    private final byte[] vehicleIdUtf8;
    private final byte[] driverIdUtf8;
    private final VehicleParams params;
    private final DriverStyle style;
    private final VehicleState state = new VehicleState();
    private final Route route;
    private final VehicleDynamics dynamics;
    private final MissingnessModel missingness;
    private final MapMatching mapMatching;
    private final AnomalyInjector injector;
    private final SplittableRandom noise;
    private final Disturbances disturbances = new Disturbances();
    private final double lonScale;
    private final double[] truth = new double[SensorModel.COUNT];
    private final double[] reading = new double[SensorModel.COUNT];
    private final boolean[] present = new boolean[SensorModel.COUNT];
    private long seq = -1;
    private long eventTimeMs;

    /**
     * The posted limit this message reports, NaN when it reports none (see {@link MapMatching}).
     */
    private double reportedLimitKmh = Double.NaN;

    private Episode episode;

    VehicleSimulator(
            String vehicleId, String driverId, SimulationConfig config, SplittableRandom root) {
        this.vehicleId = vehicleId;
        this.driverId = driverId;
        this.vehicleIdUtf8 = vehicleId.getBytes(StandardCharsets.UTF_8);
        this.driverIdUtf8 = driverId.getBytes(StandardCharsets.UTF_8);
        SplittableRandom physics = root.split();
        this.noise = root.split();
        SplittableRandom missing = root.split();
        SplittableRandom anomalies = root.split();
        this.params = VehicleParams.random(physics);
        this.style = DriverStyle.pick(physics.nextDouble());
        Region region = config.region();
        double cosLat = Math.cos(Math.toRadians(region.centerLat()));
        this.lonScale = 1 / cosLat;
        state.lat =
                physics.nextDouble(
                        region.minLat() + START_MARGIN_DEG, region.maxLat() - START_MARGIN_DEG);
        state.lon =
                physics.nextDouble(
                        region.minLon() + START_MARGIN_DEG, region.maxLon() - START_MARGIN_DEG);
        state.headingDeg = physics.nextInt(4) * 90;
        this.route = new Route(region, physics, state.headingDeg, state.lat, state.lon);
        double utcHour = (config.startEpochMs() % 86_400_000L) / 3_600_000.0;
        this.dynamics =
                new VehicleDynamics(
                        params,
                        style,
                        route,
                        physics,
                        cosLat,
                        config.ambientC() + physics.nextDouble(-1.5, 1.5),
                        utcHour + region.centerLon() / 15);
        this.missingness = new MissingnessModel(config.missingness(), missing);
        // Split after the four streams above, so adding map matching changed none of them.
        this.mapMatching = new MapMatching(config.missingness(), root.split());
        this.injector =
                new AnomalyInjector(config.anomalies(), style, params.tankLitres(), anomalies);
        initialise(physics);
    }

    private void initialise(SplittableRandom rng) {
        VehicleState s = state;
        dynamics.updateAmbient(s);
        s.odometerKm = rng.nextDouble(5_000, 250_000);
        s.brakePadMm = rng.nextDouble(3.5, 12);
        s.fuelLitres = params.tankLitres() * rng.nextDouble(0.3, 1.0);
        s.cargoKg = params.maxCargoKg() * rng.nextDouble();
        s.batterySoc = rng.nextDouble(0.8, 1.0);
        s.segmentPosM = route.current().lengthM() * rng.nextDouble(0.5);
        s.coolantC =
                rng.nextDouble() < COLD_AT_START
                        ? s.ambientC + rng.nextDouble(0, 20)
                        : rng.nextDouble(85, 92);
        if (rng.nextDouble() < PARKED_AT_START) {
            s.phase = VehicleState.Phase.PARKED;
            s.engineOn = false;
            s.phaseEndsS = rng.nextDouble(10, 600);
            s.coolantC = s.ambientC + rng.nextDouble(0, 40);
        }
    }

    /**
     * Reads a word of each cache line that {@link #step} touches first (state, arrays, route,
     * parameters, missingness, anomaly injector, map matching) and returns a sum of them, which the
     * caller keeps so that nothing is optimised away. The fleet's state is far larger than the
     * caches, so a step otherwise waits for its misses one after another; called for the next
     * vehicle while the current one steps, the loads go out together and overlap with work. Changes
     * nothing.
     */
    long prefetch() {
        VehicleState s = state;
        double words =
                s.lat
                        + s.cruiseFactor
                        + s.rpm
                        + s.batteryV
                        + s.ambientC
                        + s.odometerKm
                        + s.timeS
                        + truth[0]
                        + truth[8]
                        + truth[16]
                        + reading[0]
                        + reading[8]
                        + reading[16]
                        + disturbances.fuelLossLph
                        + route.current().grade()
                        + params.emptyMassKg();
        return Double.doubleToRawLongBits(words)
                + (present[0] ? 1 : 0)
                + missingness.prefetch()
                + injector.prefetch()
                + mapMatching.prefetch();
    }

    /**
     * Simulates this vehicle's next message period.
     *
     * @param dt seconds since its previous message
     * @param eventTimeMs event time of this message
     * @param labels receives the label of an anomaly episode that ends now
     * @return true if the message is sent, false if it is lost (its seq is used up either way)
     */
    boolean step(double dt, long eventTimeMs, Consumer<AnomalyLabel> labels) {
        seq++;
        this.eventTimeMs = eventTimeMs;
        VehicleState s = state;
        if (episode == null) {
            episode = injector.maybeStart(s, route, dt);
        }
        disturbances.clear();
        if (episode != null) {
            episode.disturb(s, route, disturbances);
        }
        dynamics.step(s, disturbances, dt);
        SensorModel.truth(s, params.tankLitres(), truth);
        SensorModel.measure(truth, reading, lonScale, noise);
        if (episode != null) {
            episode.distort(s, truth, reading);
        }
        missingness.apply(s, route.current().urbanCanyon(), dt, present);
        boolean sent = !missingness.messageLost();
        reportedLimitKmh =
                mapMatching.limitKmh(route.current(), present[Sensor.LATITUDE.ordinal()]);
        if (episode != null
                && episode.observe(
                        s, route, truth, sent, eventTimeMs, vehicleId, driverId, labels)) {
            episode = null;
        }
        return sent;
    }

    /** Writes the message just simulated into {@code event} (missing readings as null). */
    @Override
    public void fill(TelemetryEvent event) {
        event.setVehicleId(vehicleId);
        event.setDriverId(driverId);
        event.setEventTime(eventTimeMs);
        event.setSeq(seq);
        for (Sensor sensor : SENSORS) {
            int i = sensor.ordinal();
            sensor.set(event, present[i] ? Double.valueOf(reading[i]) : null);
        }
        ContextReading.ROAD_SPEED_LIMIT.set(
                event, Double.isNaN(reportedLimitKmh) ? null : Double.valueOf(reportedLimitKmh));
    }

    /** Ends an open episode (at the end of a simulation) and hands over its label, if any. */
    void finish(Consumer<AnomalyLabel> labels) {
        if (episode != null) {
            episode.closeRun(vehicleId, driverId, labels);
        }
        episode = null;
    }

    @Override
    public String vehicleId() {
        return vehicleId;
    }

    @Override
    public byte[] vehicleIdUtf8() {
        return vehicleIdUtf8;
    }

    @Override
    public byte[] driverIdUtf8() {
        return driverIdUtf8;
    }

    @Override
    public long eventTimeMs() {
        return eventTimeMs;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public boolean present(int sensor) {
        return present[sensor];
    }

    @Override
    public double reading(int sensor) {
        return reading[sensor];
    }

    @Override
    public boolean contextPresent(int reading) {
        return reading == ContextReading.ROAD_SPEED_LIMIT.ordinal()
                && !Double.isNaN(reportedLimitKmh);
    }

    @Override
    public double context(int reading) {
        return contextPresent(reading) ? reportedLimitKmh : Double.NaN;
    }

    public String driverId() {
        return driverId;
    }

    public DriverStyle style() {
        return style;
    }

    public VehicleParams params() {
        return params;
    }

    /** The true (noise- and fault-free) value of a sensor in the latest message. */
    public double truth(Sensor sensor) {
        return truth[sensor.ordinal()];
    }

    /** The vehicle's physical state after the latest message (read-only use, for tests). */
    public VehicleState state() {
        return state;
    }

    /** The speed limit (km/h) where the vehicle is now. */
    public int speedLimitKmh() {
        return route.current().limitKmh();
    }

    /** The anomaly episode in progress, or null. */
    public Episode activeEpisode() {
        return episode;
    }
}
