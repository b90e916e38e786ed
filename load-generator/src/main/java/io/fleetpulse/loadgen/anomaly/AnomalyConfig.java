package io.fleetpulse.loadgen.anomaly;

import java.util.EnumSet;
import java.util.Set;

/**
 * How often anomalies are injected and which kinds.
 *
 * @param perVehicleHour mean number of anomaly episodes per vehicle and hour of simulated time
 * @param kinds the kinds that may be injected
 */
public record AnomalyConfig(double perVehicleHour, Set<AnomalyKind> kinds) {

    public static final AnomalyConfig DEFAULT =
            new AnomalyConfig(0.5, EnumSet.allOf(AnomalyKind.class));

    public static final AnomalyConfig NONE =
            new AnomalyConfig(0, EnumSet.noneOf(AnomalyKind.class));

    public AnomalyConfig {
        if (!(perVehicleHour >= 0) || perVehicleHour > 3600) {
            throw new IllegalArgumentException(
                    "anomaly rate must be within 0..3600 per vehicle-hour but was "
                            + perVehicleHour);
        }
        kinds = kinds.isEmpty() ? EnumSet.noneOf(AnomalyKind.class) : EnumSet.copyOf(kinds);
    }

    public boolean enabled() {
        return perVehicleHour > 0 && !kinds.isEmpty();
    }
}
