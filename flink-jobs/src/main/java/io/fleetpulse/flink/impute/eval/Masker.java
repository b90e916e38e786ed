package io.fleetpulse.flink.impute.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hides observed cells of rows in stream order, at random and in per-vehicle, per-column bursts,
 * deterministically for a seed. Remembers nothing but each vehicle's running bursts.
 */
final class Masker {

    private final MaskingConfig config;
    private final SplittableRandom random;
    private final Map<String, int[]> burstsLeft = new HashMap<>();

    Masker(MaskingConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
    }

    /** Which cells of {@code row} to hide (only observed ones are ever hidden). */
    boolean[] mask(TelemetryRow row) {
        int d = row.values().length;
        int[] left = burstsLeft.computeIfAbsent(row.vehicleId(), v -> new int[d]);
        boolean[] hide = new boolean[d];
        for (int j = 0; j < d; j++) {
            if (left[j] == 0 && random.nextDouble() < config.burstStartRate()) {
                left[j] =
                        config.burstMinRows()
                                + random.nextInt(config.burstMaxRows() - config.burstMinRows() + 1);
            }
            boolean inBurst = left[j] > 0;
            if (inBurst) {
                left[j]--;
            }
            boolean observed = !Double.isNaN(row.values()[j]);
            hide[j] = observed && (inBurst || random.nextDouble() < config.randomShare());
        }
        return hide;
    }
}
