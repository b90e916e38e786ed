package io.fleetpulse.flink.impute.eval;

/**
 * How an evaluation hides observed values: each observed cell is hidden at random with {@code
 * randomShare}; and per vehicle and column a burst outage starts with {@code burstStartRate} per
 * row and hides {@code burstMinRows}..{@code burstMaxRows} consecutive readings.
 */
public record MaskingConfig(
        double randomShare, double burstStartRate, int burstMinRows, int burstMaxRows, long seed) {

    public MaskingConfig {
        if (randomShare < 0 || randomShare >= 1) {
            throw new IllegalArgumentException("randomShare must be in [0, 1)");
        }
        if (burstStartRate < 0 || burstStartRate >= 1) {
            throw new IllegalArgumentException("burstStartRate must be in [0, 1)");
        }
        if (burstMinRows < 1 || burstMaxRows < burstMinRows) {
            throw new IllegalArgumentException("need 1 <= burstMinRows <= burstMaxRows");
        }
    }

    /** 10 % random plus bursts of 5-60 readings hiding about another 5 %. */
    public static MaskingConfig defaults() {
        return new MaskingConfig(0.10, 0.0015, 5, 60, 7L);
    }

    /** The expected share of observed cells hidden in bursts (approximately). */
    public double expectedBurstShare() {
        double meanLength = (burstMinRows + burstMaxRows) / 2.0;
        return burstStartRate * meanLength / (1 + burstStartRate * meanLength);
    }
}
