package io.fleetpulse.learner.detect;

import io.fleetpulse.avro.FeatureVector;
import io.fleetpulse.learner.servable.Contribution;
import java.util.List;
import java.util.Map;

/**
 * Sensor drift seen as a persistent consistency shift (FeatureVector v3's {@code
 * <sensor>ResidualShift}: FeatureJob's mean residual of the sensor against streaming MICE's
 * prediction from the other sensors, less the vehicle's own running residual, in units of its
 * spread). A drifting sensor moves away from what the rest of the vehicle implies, minute after
 * minute; the limits sit beyond the largest shift normal driving showed (seed 42), per sensor,
 * since how well the others predict a sensor differs from one to another. Sensors whose readings
 * jump legitimately (the fuel level at a pump) or that no drift hits (position, heading, odometer,
 * brake pad) are not judged.
 */
public final class ConsistencyDrift {

    /** Suffix of the FeatureVector fields. */
    static final String SUFFIX = "ResidualShift";

    /**
     * Per sensor field: the shift (in residual spreads) beyond which the sensor drifted: 1.25 x the
     * largest shift normal driving held over two disjoint 60 s windows a minute apart on seed 42
     * (50 vehicles, 24 h), rounded up to a half. The coolant is not judged: its warm-up is not
     * predictable from the other sensors at one instant (normal shifts up to 31), and too hot a
     * reading is the overheating rule's.
     */
    static final Map<String, Double> LIMITS =
            Map.ofEntries(
                    Map.entry("speedKmh", 3.5),
                    Map.entry("accelerationMps2", 3.5),
                    Map.entry("engineRpm", 3.5),
                    Map.entry("engineLoadPct", 4.5),
                    Map.entry("throttlePct", 3.0),
                    Map.entry("oilPressureKpa", 5.5),
                    Map.entry("fuelRateLph", 5.5),
                    Map.entry("brakePressureBar", 3.5),
                    Map.entry("batteryVoltageV", 3.5),
                    Map.entry("tyrePressureKpa", 5.0),
                    Map.entry("ambientTempC", 8.5));

    /** The window kind judged: a minute of readings, confirmed by the next disjoint minute. */
    static final String WINDOW_KIND = "SLIDING_60S";

    private ConsistencyDrift() {}

    /**
     * The explanation of the largest shift beyond its limit (the shifted sensor first), or null.
     */
    public static List<Contribution> find(FeatureVector v) {
        if (!WINDOW_KIND.equals(v.getWindowKind())) {
            return null;
        }
        String worst = null;
        double worstExcess = 1;
        double worstShift = 0;
        for (Map.Entry<String, Double> e : LIMITS.entrySet()) {
            Object value = v.get(e.getKey() + SUFFIX);
            if (value == null) {
                return null; // a producer before FeatureVector v3
            }
            double shift = ((Number) value).doubleValue();
            double excess = Math.abs(shift) / e.getValue();
            if (excess >= worstExcess) {
                worst = e.getKey();
                worstExcess = excess;
                worstShift = shift;
            }
        }
        if (worst == null) {
            return null;
        }
        double limit = Math.copySign(LIMITS.get(worst), worstShift);
        return List.of(new Contribution(worst + SUFFIX, worstShift, limit, 1));
    }
}
