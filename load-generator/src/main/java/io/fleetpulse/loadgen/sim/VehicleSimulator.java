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
    private final double lonScale;

    /**
     * This message's disturbances, truth and readings: the vehicle's own frame until a {@link
     * FleetSimulator} shares one frame among the vehicles one thread steps.
     */
    private SensorFrame frame = new SensorFrame();

    /**
     * The last message's sequence number. A vehicle counts on from its run's start time in ms, as a
     * device keeps its counter across restarts: a simulator started later (the next step of {@code
     * fleet bench e2e}, a second {@code fleet demo}) never repeats numbers an earlier run sent for
     * the same vehicle, which FeatureJob would drop as retried duplicates, as long as a vehicle
     * sends fewer than 1,000 messages a second.
     */
    private long seq;

    /** Longest physics step [s]: vehicles reporting less often are simulated in several steps. */
    static final double MAX_PHYSICS_STEP_S = 1.0;

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
        this.seq = config.startEpochMs() - 1;
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

    /** Steps from now on write into {@code shared}, the frame of the thread that steps this. */
    void shareFrame(SensorFrame shared) {
        this.frame = shared;
    }

    /*
     * Prefetching. The fleet's state is far larger than the caches, so a step would otherwise wait
     * for its cache misses one after another: the vehicle, then its state, route and models, then
     * the route's segment and the models' arrays. The simulator reads ahead in three stages, one
     * level of that chain each, three, two and one vehicles before the vehicle steps; so the
     * misses of one stage do not depend on each other and go out together. Each stage returns a
     * sum of what it read, which the caller keeps so that nothing is optimised away; none changes
     * anything.
     */

    /** Prefetch stage 1: the vehicle object itself. */
    long prefetchVehicle() {
        return seq
                + eventTimeMs
                + Double.doubleToRawLongBits(lonScale + reportedLimitKmh)
                + (episode == null ? 0 : 1)
                + (frame == null ? 0 : 2)
                + (noise == null ? 0 : 4);
    }

    /** Prefetch stage 2: the objects the vehicle holds (its fields read in stage 1). */
    long prefetchParts() {
        VehicleState s = state;
        double words =
                s.lat
                        + s.cruiseFactor
                        + s.rpm
                        + s.batteryV
                        + s.ambientC
                        + s.odometerKm
                        + s.timeS
                        + params.emptyMassKg()
                        + params.coldTyreKpa();
        return Double.doubleToRawLongBits(words)
                + (route.current() == null ? 0 : 1)
                + dynamics.prefetch()
                + missingness.prefetchModel()
                + injector.prefetch()
                + mapMatching.prefetch()
                + vehicleIdUtf8.length
                + driverIdUtf8.length;
    }

    /** Prefetch stage 3: what those objects hold (the route's segment, the outage times). */
    long prefetchDeep() {
        return Double.doubleToRawLongBits(route.current().grade()) + missingness.prefetch();
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
        SensorFrame f = frame;
        Disturbances disturbances = f.disturbances;
        double[] truth = f.truth;
        double[] reading = f.reading;
        boolean[] present = f.present;
        if (episode == null) {
            episode = injector.maybeStart(s, route, dt);
        }
        disturbances.clear();
        if (episode != null) {
            episode.disturb(s, route, disturbances);
        }
        // The physics in steps of at most MAX_PHYSICS_STEP_S whatever the reporting period: a
        // driver integrated over 5 s overshot speed limits and stops (at 0.2 Hz the rules then
        // saw speeding that normal driving at 1 Hz never shows).
        int steps = Math.max(1, (int) Math.ceil(dt / MAX_PHYSICS_STEP_S - 1e-9));
        for (int i = 0; i < steps; i++) {
            dynamics.step(s, disturbances, dt / steps);
        }
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
            sensor.set(event, frame.present[i] ? Double.valueOf(frame.reading[i]) : null);
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
        return frame.present[sensor];
    }

    @Override
    public double reading(int sensor) {
        return frame.reading[sensor];
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

    /**
     * The true (noise- and fault-free) value of a sensor in the latest message; like the readings,
     * valid until the thread that steps this vehicle steps its next one.
     */
    public double truth(Sensor sensor) {
        return frame.truth[sensor.ordinal()];
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
