package io.fleetpulse.loadgen.sim;

import static io.fleetpulse.ingest.telemetry.Sensor.ENGINE_RPM;
import static io.fleetpulse.ingest.telemetry.Sensor.FUEL_LEVEL;
import static io.fleetpulse.ingest.telemetry.Sensor.FUEL_RATE;
import static io.fleetpulse.ingest.telemetry.Sensor.SPEED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.loadgen.physics.VehicleState;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * Fuel level falls with consumption and rises only at fuel stops, from the low-fuel warning to a
 * full tank. Twelve vehicles over twelve simulated hours, long enough for most to refuel.
 */
class FuelLevelTest {

    private static final int VEHICLES = 12;

    @Test
    void fuelLevelFallsWithConsumptionAndRisesOnlyWhenRefuelling() {
        SimRecording rec =
                SimRecording.record(
                        SensorCorrelationTest.clean(VEHICLES, 1).withSeed(5), VEHICLES * 12 * 3600);
        int refuels = 0;
        for (int v = 0; v < VEHICLES; v++) {
            int[] ev = rec.eventsOf(v);
            double tank = rec.sim.vehicle(v).params().tankLitres();
            double burntLitres = 0;
            double droppedPct = 0;
            boolean refuelling = false;
            for (int k = 1; k < ev.length; k++) {
                int i = ev[k];
                int j = ev[k - 1];
                double before = rec.reading(j, FUEL_LEVEL);
                double now = rec.reading(i, FUEL_LEVEL);
                if (now > before) {
                    assertThat(rec.reading(i, SPEED)).as("standing while the level rises").isZero();
                    assertThat(rec.reading(i, ENGINE_RPM)).as("engine off at the pump").isZero();
                    assertThat(rec.phase[i]).isEqualTo(VehicleState.Phase.REFUELLING);
                    if (!refuelling) {
                        assertThat(before)
                                .as("refuel starts at the low-fuel warning")
                                .isLessThan(16);
                        refuels++;
                    }
                    refuelling = true;
                } else {
                    if (refuelling) {
                        assertThat(before).as("refuel ends with a full tank").isGreaterThan(95);
                    }
                    refuelling = false;
                    double dt = (rec.time[i] - rec.time[j]) / 3_600_000.0;
                    burntLitres += (rec.reading(i, FUEL_RATE) + rec.reading(j, FUEL_RATE)) / 2 * dt;
                    droppedPct += before - now;
                }
            }
            assertThat(droppedPct * tank / 100)
                    .as("vehicle %d: litres gone from the tank vs burnt", v)
                    .isCloseTo(burntLitres, Percentage.withPercentage(3));
        }
        assertThat(refuels).as("refuel stops").isGreaterThanOrEqualTo(VEHICLES / 2);
    }
}
