package io.fleetpulse.loadgen.physics;

/** Kinds of road a route is made of, with their speed limits and segment lengths. */
public enum RoadType {
    /** Urban streets: short blocks, turns, traffic lights, delivery stops. */
    CITY(new int[] {30, 50, 50, 50, 50, 60}, 120, 600, 0.015),
    /** Motorways and expressways: long, nearly straight, no lights. */
    HIGHWAY(new int[] {80, 100, 100, 120}, 1500, 8000, 0.012);

    private final int[] limitsKmh;
    private final double minLengthM;
    private final double maxLengthM;
    private final double maxGrade;

    RoadType(int[] limitsKmh, double minLengthM, double maxLengthM, double maxGrade) {
        this.limitsKmh = limitsKmh;
        this.minLengthM = minLengthM;
        this.maxLengthM = maxLengthM;
        this.maxGrade = maxGrade;
    }

    /** A speed limit for a new segment, from a uniform draw in [0, 1). */
    public int limitKmh(double uniform) {
        return limitsKmh[(int) (uniform * limitsKmh.length)];
    }

    public double minLengthM() {
        return minLengthM;
    }

    public double maxLengthM() {
        return maxLengthM;
    }

    /** Steepest road gradient (rise over run). */
    public double maxGrade() {
        return maxGrade;
    }
}
