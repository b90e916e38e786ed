package io.fleetpulse.flink.impute;

import java.util.Arrays;

/**
 * What the imputer remembers of one vehicle: the last observed value of each variable and when it
 * was observed. Kept per vehicle (Flink keyed state in FeatureJob); a public mutable POJO so Flink
 * serialises it without Kryo.
 */
public final class VehicleMemory {

    /** Marks a variable never observed on this vehicle. */
    public static final long NEVER = Long.MIN_VALUE;

    /** Last observed value per variable (NaN if never observed). */
    public double[] last;

    /** Event time of that observation per variable ({@link #NEVER} if none). */
    public long[] lastTime;

    /** For Flink's POJO serializer. */
    public VehicleMemory() {}

    public VehicleMemory(int variables) {
        last = new double[variables];
        lastTime = new long[variables];
        Arrays.fill(last, Double.NaN);
        Arrays.fill(lastTime, NEVER);
    }

    /** Milliseconds since variable j was last observed, or Long.MAX_VALUE if never. */
    public long ageOf(int j, long now) {
        return lastTime[j] == NEVER ? Long.MAX_VALUE : Math.max(0, now - lastTime[j]);
    }

    void observe(int j, double value, long time) {
        if (lastTime[j] == NEVER || time >= lastTime[j]) {
            last[j] = value;
            lastTime[j] = time;
        }
    }
}
