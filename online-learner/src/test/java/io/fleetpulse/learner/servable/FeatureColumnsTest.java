package io.fleetpulse.learner.servable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.bench.SyntheticFeatures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class FeatureColumnsTest {

    @Test
    void everyNumericFieldButIdentitiesAndTimesIsAColumnWithTotalsAsHourlyRates() {
        assertThat(FeatureColumns.ALL)
                .startsWith(FeatureColumns.WINDOW_SECONDS)
                .contains(
                        "speedMean",
                        "coolantTrendCPerMin",
                        "distanceKmPerHour",
                        "brakePadWearMmPerHour",
                        "eventCountPerHour",
                        "fuelDropPerLitreUsed")
                .doesNotContain(
                        "windowStart", "processedAt", "lastEventTime", "distanceKm", "vehicleId");
        assertThat(FeatureColumns.ALL).doesNotHaveDuplicates();
        assertThat(FeatureColumns.sourceField("distanceKmPerHour")).isEqualTo("distanceKm");
        assertThatThrownBy(() -> FeatureColumns.sourceField("nope"))
                .hasMessageContaining("unknown");
    }

    @Test
    void tenAndSixtySecondWindowsOfTheSameDrivingReadAlike() {
        SyntheticFeatures data = new SyntheticFeatures(1, 1);
        FeatureVector ten = data.window("V1", 0, 10_000, "TUMBLING_10S");
        ten.setDistanceKm(0.25);
        ten.setHarshBrakeCount(1);
        ten.setFuelEfficiencyL100km(null);
        FeatureVector sixty = FeatureVector.newBuilder(ten).setWindowStart(-50_000).build();
        sixty.setDistanceKm(1.5);
        sixty.setHarshBrakeCount(6);

        List<String> cols =
                List.of(
                        "windowSeconds",
                        "distanceKmPerHour",
                        "harshBrakeCountPerHour",
                        "fuelEfficiencyL100km",
                        "speedMean");
        double[] a = FeatureColumns.read(ten, cols);
        double[] b = FeatureColumns.read(sixty, cols);

        assertThat(a).containsExactly(10, 90, 360, 0, ten.getSpeedMean());
        assertThat(b[0]).isEqualTo(60);
        assertThat(b[1]).isCloseTo(90, within(1e-9));
        assertThat(b[2]).isCloseTo(360, within(1e-9));
    }

    @Test
    void rawFieldsByNameReadTheSameAsTheRecord() {
        FeatureVector v = new SyntheticFeatures(2, 1).next();
        Map<String, Number> fields = new HashMap<>();
        for (Schema.Field f : FeatureVector.getClassSchema().getFields()) {
            if (v.get(f.pos()) instanceof Number n) {
                fields.put(f.name(), n);
            }
        }
        double seconds = (v.getWindowEnd() - v.getWindowStart()) / 1000.0;
        assertThat(FeatureColumns.fromFields(fields, seconds, FeatureColumns.ALL))
                .containsExactly(FeatureColumns.read(v, FeatureColumns.ALL));
        assertThatThrownBy(() -> FeatureColumns.fromFields(fields, 0, FeatureColumns.ALL))
                .hasMessageContaining("positive");
    }

    @Test
    void regressorsNeverSeeTheirTargetOrItsDirectProxies() {
        // A sensor's stuck run says whether it repeats itself, not what it reads: no proxy. Its
        // consistency shift says how far its reading sits from the others' prediction: a proxy.
        assertThat(ModelKind.FUEL_RATE.inputs())
                .noneMatch(
                        c ->
                                (c.startsWith("fuelRate") || c.startsWith("fuelLevel"))
                                                && !c.endsWith("StuckSeconds")
                                        || c.startsWith("fuelUsed")
                                        || c.startsWith("fuelEfficiency")
                                        || c.startsWith("fuelLevelDrop")
                                        || c.startsWith("fuelDrop"));
        assertThat(ModelKind.BRAKE_WEAR.inputs())
                .doesNotContain("brakePadWearMmPerHour", "brakeEnergyProxyPerHour")
                .contains("brakePressureMean", "speedMean");
        assertThat(ModelKind.ANOMALY.inputs()).isEqualTo(FeatureColumns.ALL);
        assertThat(ModelKind.FUEL_RATE.standardizedColumns()).endsWith("fuelRateMean");
        assertThat(ModelKind.BRAKE_WEAR.layerWidths())
                .startsWith(ModelKind.BRAKE_WEAR.inputs().size())
                .endsWith(1);
        assertThat(Set.copyOf(ModelKind.ANOMALY.inputs())).hasSize(FeatureColumns.ALL.size());
    }
}
