package io.fleetpulse.loadgen.physics;

/**
 * Engine coolant temperature as a lumped heat balance: heat in proportional to fuel burnt; heat out
 * through the engine block to ambient, and through the radiator once the thermostat opens (88-96
 * degC, more with airflow), plus an electric fan above 100 degC. So a warm engine sits near 90
 * degC, higher under load and in hot weather, and a cold one warms up over minutes. A cooling fault
 * (thermostat stuck closed, dead fan) makes it overheat; above {@link #DERATE_C} the engine derates
 * so the temperature levels off.
 */
final class CoolingSystem {

    /** Coolant warming per litre/hour of fuel burnt, degC/s. */
    private static final double HEAT_PER_LPH = 0.045;

    /** A failed cooling system also has less coolant to carry heat. */
    private static final double FAULT_HEAT_FACTOR = 1.6;

    private static final double BLOCK_LOSS_PER_S = 0.0005;
    private static final double RADIATOR_PER_S = 0.0065;
    private static final double FAN_PER_S = 0.01;
    private static final double THERMOSTAT_OPENS_C = 88;
    private static final double THERMOSTAT_SPAN_C = 8;
    private static final double FAN_ON_C = 100;
    private static final double FAN_OFF_C = 95;

    /** Airflow through the radiator doubles at this speed. */
    private static final double AIRFLOW_MPS = 20;

    static final double DERATE_C = 120;
    private static final double DERATE_SPAN_C = 10;

    private CoolingSystem() {}

    static void update(VehicleState s, boolean fault, double dt) {
        double t = s.coolantC;
        double excess = t - s.ambientC;
        double heat = s.engineOn ? HEAT_PER_LPH * s.fuelRateLph : 0;
        if (fault) {
            heat *= FAULT_HEAT_FACTOR;
        }
        if (t > DERATE_C) {
            heat *= Math.max(0, 1 - (t - DERATE_C) / DERATE_SPAN_C);
        }
        double open =
                fault ? 0 : Powertrain.clamp((t - THERMOSTAT_OPENS_C) / THERMOSTAT_SPAN_C, 0, 1);
        if (fault || !s.engineOn) {
            s.fanOn = false;
        } else if (t > FAN_ON_C) {
            s.fanOn = true;
        } else if (t < FAN_OFF_C) {
            s.fanOn = false;
        }
        double cooling =
                BLOCK_LOSS_PER_S * excess
                        + open * RADIATOR_PER_S * (1 + s.speedMps / AIRFLOW_MPS) * excess
                        + (s.fanOn ? FAN_PER_S * excess : 0);
        s.coolantC = t + (heat - cooling) * dt;
    }
}
