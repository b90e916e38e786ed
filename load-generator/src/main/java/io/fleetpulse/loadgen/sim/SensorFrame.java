package io.fleetpulse.loadgen.sim;

import io.fleetpulse.loadgen.physics.Disturbances;
import io.fleetpulse.loadgen.sensors.SensorModel;

/**
 * The per-message scratch of a vehicle step: the disturbances an anomaly applies, the true values,
 * the readings and which readings are present. Every step rewrites all of it, so the vehicles that
 * one thread steps share one frame: it stays in that core's cache instead of being one more set of
 * cold cache lines per vehicle (10,000 vehicles' state is far larger than the caches). A vehicle's
 * readings are therefore valid until the thread steps its next vehicle, which is also how long a
 * simulator's {@link FleetSimulator#message()} is valid.
 */
final class SensorFrame {

    final Disturbances disturbances = new Disturbances();
    final double[] truth = new double[SensorModel.COUNT];
    final double[] reading = new double[SensorModel.COUNT];
    final boolean[] present = new boolean[SensorModel.COUNT];
}
