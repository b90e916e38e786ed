package io.fleetpulse.loadgen.physics;

import java.util.SplittableRandom;

/**
 * Advances one vehicle by one time step: the driver's acceleration, motion along the route (GPS
 * position along the segment heading), stops at red lights, delivery and fuel stops (engine off),
 * then the powertrain, coolant, fuel, odometer, brake pad wear, tyres, battery and ambient
 * temperature. Everything is driven by the vehicle's own random stream, so a vehicle's history
 * depends only on the seed.
 */
public final class VehicleDynamics {

    /** A brake pad loses this much per joule of braking work (about 50,000 km of city use). */
    static final double PAD_WEAR_MM_PER_J = 4e-10;

    /** Harder stops heat pads more and wear them faster, per m/s^2 of deceleration. */
    private static final double PAD_WEAR_PER_MPS2 = 0.1;

    /** Pads are never worn below their backing plate. */
    private static final double PAD_MIN_MM = 1.0;

    /** Low fuel warning: the route heads for a fuel station. */
    static final double REFUEL_BELOW_PCT = 15;

    private static final double PUMP_LITRES_PER_S = 0.6;
    private static final double FULL_PCT = 97;
    private static final double TYRE_WARM_AT_SPEED = 0.08;
    private static final double TYRE_WARM_TIME_S = 600;
    private static final double TYRE_KPA_PER_C = 0.0034;
    private static final double AMBIENT_UPDATE_S = 60;
    private static final double DAILY_SWING_C = 6;
    private static final double WARMEST_HOUR = 15;
    private static final double CRANK_SOC_COST = 0.005;

    private final VehicleParams p;
    private final DriverStyle style;
    private final Route route;
    private final SplittableRandom rng;
    private final double metresPerDegLon;
    private final double ambientBaseC;
    private final double startHourOfDay;
    private double nominalCruise;

    public VehicleDynamics(
            VehicleParams params,
            DriverStyle style,
            Route route,
            SplittableRandom rng,
            double cosLatitude,
            double ambientBaseC,
            double startHourOfDay) {
        this.p = params;
        this.style = style;
        this.route = route;
        this.rng = rng;
        this.metresPerDegLon = Region.METRES_PER_DEGREE * cosLatitude;
        this.ambientBaseC = ambientBaseC;
        this.startHourOfDay = startHourOfDay;
        this.nominalCruise = newCruiseFactor();
    }

    public Route route() {
        return route;
    }

    public VehicleParams params() {
        return p;
    }

    public DriverStyle style() {
        return style;
    }

    /** Mass with the current cargo. */
    public double massKg(VehicleState s) {
        return p.emptyMassKg() + s.cargoKg;
    }

    /** Reads this object's fields, so that a step soon after finds them in the cache. */
    public long prefetch() {
        return Double.doubleToRawLongBits(nominalCruise + metresPerDegLon);
    }

    /** Advances {@code s} by {@code dt} seconds under the given disturbances. */
    public void step(VehicleState s, Disturbances dist, double dt) {
        s.timeS += dt;
        s.cranking = false;
        updateAmbient(s);
        double grade = route.current().grade();
        double mass = massKg(s);
        switch (s.phase) {
            case DRIVING -> drive(s, dist, mass, grade, dt);
            case WAITING_AT_LIGHT -> standStill(s, dt);
            case PARKED -> park(s, dt);
            case REFUELLING -> refuel(s, dt);
        }
        Powertrain.update(s, p, style, mass, s.phase == VehicleState.Phase.DRIVING ? grade : 0);
        double burnt = (s.fuelRateLph + dist.fuelLossLph) * dt / 3600;
        s.fuelLitres = Math.max(0.5, s.fuelLitres - burnt);
        if (s.phase == VehicleState.Phase.DRIVING
                && s.fuelLitres < p.tankLitres() * REFUEL_BELOW_PCT / 100) {
            route.requestRefuel();
        }
        CoolingSystem.update(s, dist.coolingFault, dt);
        wearPads(s, dt);
        updateTyres(s, dt);
        updateBattery(s, dt);
    }

    private void drive(VehicleState s, Disturbances dist, double mass, double grade, double dt) {
        double available = Powertrain.availableAccel(s, p, mass, grade);
        s.cruiseFactor = nominalCruise;
        double a = DriverController.desiredAccel(s, p, style, route, dist, available, dt);
        double v0 = s.speedMps;
        double v1 = Math.max(0, v0 + a * dt);
        s.accelMps2 = (v1 - v0) / dt;
        double ds = (v0 + v1) / 2 * dt;
        s.speedMps = v1;
        s.odometerKm += ds / 1000;
        Segment seg = route.current();
        double toEnd = seg.lengthM() - s.segmentPosM;
        if (!seg.stopsAtEnd() && ds >= toEnd) {
            // Cross into the next segment: the rest of the step runs along its heading.
            move(s, seg, toEnd);
            enterNext(s);
            move(s, route.current(), ds - toEnd);
        } else {
            move(s, seg, ds);
            if (seg.stopsAtEnd()
                    && v1 == 0
                    && seg.lengthM() - s.segmentPosM < DriverController.STOP_SLACK_M) {
                arriveAtStop(s, seg);
            }
        }
    }

    private void move(VehicleState s, Segment seg, double ds) {
        s.segmentPosM += ds;
        s.lat += ds * seg.cosHeading() / Region.METRES_PER_DEGREE;
        s.lon += ds * seg.sinHeading() / metresPerDegLon;
    }

    private void enterNext(VehicleState s) {
        route.advance(s.lat, s.lon);
        nominalCruise = newCruiseFactor();
        s.segmentPosM = 0;
        s.headingDeg = route.current().headingDeg();
    }

    private void arriveAtStop(VehicleState s, Segment seg) {
        s.speedMps = 0;
        switch (seg.endAction()) {
            case RED_LIGHT -> s.phase = VehicleState.Phase.WAITING_AT_LIGHT;
            case DELIVERY -> {
                s.phase = VehicleState.Phase.PARKED;
                s.engineOn = false;
                s.cargoKg =
                        s.cargoKg < 100
                                ? p.maxCargoKg() * rng.nextDouble(0.7, 1.0)
                                : Math.max(0, s.cargoKg - rng.nextDouble(50, 300));
            }
            case REFUEL -> {
                s.phase = VehicleState.Phase.REFUELLING;
                s.engineOn = false;
            }
            case NONE -> throw new IllegalStateException("no stop at " + seg.endAction());
        }
        s.phaseEndsS = s.timeS + seg.waitS();
    }

    private void standStill(VehicleState s, double dt) {
        s.speedMps = 0;
        s.accelMps2 = 0;
        if (s.timeS >= s.phaseEndsS) {
            s.phase = VehicleState.Phase.DRIVING;
            enterNext(s);
        }
    }

    private void park(VehicleState s, double dt) {
        standStill(s, dt);
        if (s.phase == VehicleState.Phase.DRIVING) {
            crank(s);
        }
    }

    private void refuel(VehicleState s, double dt) {
        s.speedMps = 0;
        s.accelMps2 = 0;
        if (s.fuelLitres < p.tankLitres() * FULL_PCT / 100) {
            s.fuelLitres = Math.min(p.tankLitres(), s.fuelLitres + PUMP_LITRES_PER_S * dt);
            s.phaseEndsS = s.timeS + route.current().waitS();
        } else if (s.timeS >= s.phaseEndsS) {
            s.phase = VehicleState.Phase.DRIVING;
            enterNext(s);
            crank(s);
        }
    }

    private void crank(VehicleState s) {
        s.engineOn = true;
        s.cranking = true;
        s.batterySoc = Math.max(0.3, s.batterySoc - CRANK_SOC_COST);
    }

    private void wearPads(VehicleState s, double dt) {
        if (s.brakeForceN <= 0) {
            return;
        }
        double meanSpeed = s.speedMps - s.accelMps2 * dt / 2;
        double work = s.brakeForceN * meanSpeed * dt;
        double decel = Math.max(0, -s.accelMps2);
        double wear = work * PAD_WEAR_MM_PER_J * (1 + PAD_WEAR_PER_MPS2 * decel);
        s.brakePadMm = Math.max(PAD_MIN_MM, s.brakePadMm - wear);
    }

    private void updateTyres(VehicleState s, double dt) {
        double target = TYRE_WARM_AT_SPEED * Math.min(1, s.speedMps / 27.0);
        s.tyreWarmFraction += (target - s.tyreWarmFraction) * Math.min(1, dt / TYRE_WARM_TIME_S);
        s.tyreKpa =
                p.coldTyreKpa()
                        * (1 + TYRE_KPA_PER_C * (s.ambientC - 20))
                        * (1 + s.tyreWarmFraction);
    }

    private void updateBattery(VehicleState s, double dt) {
        if (s.cranking) {
            s.batteryV = 9.8 + 0.6 * s.batterySoc;
        } else if (s.engineOn) {
            s.batterySoc = Math.min(1, s.batterySoc + 0.0002 * dt);
            s.batteryV = 13.9 + 0.5 * (1 - s.batterySoc) - (s.fanOn ? 0.15 : 0);
        } else {
            s.batterySoc = Math.max(0.3, s.batterySoc - 0.00002 * dt);
            s.batteryV = 11.9 + 0.8 * s.batterySoc;
        }
    }

    /** Sets the ambient temperature for the current time (done every simulated minute). */
    public void updateAmbient(VehicleState s) {
        if (s.timeS < s.ambientNextS) {
            return;
        }
        s.ambientNextS = s.timeS + AMBIENT_UPDATE_S;
        double hour = startHourOfDay + s.timeS / 3600;
        s.ambientC =
                ambientBaseC + DAILY_SWING_C * Math.cos(2 * Math.PI * (hour - WARMEST_HOUR) / 24);
    }

    private double newCruiseFactor() {
        // The driver's mood on this stretch, never beyond the over-speed tolerance.
        return Math.min(1.08, style.speedFactor() * rng.nextDouble(0.97, 1.02));
    }
}
