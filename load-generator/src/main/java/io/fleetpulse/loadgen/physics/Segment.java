package io.fleetpulse.loadgen.physics;

/**
 * One straight stretch of road: type, limit, length, heading (with its sine and cosine computed
 * once, so moving along it needs no trigonometry), gradient, what happens at its end, and whether
 * tall buildings shade GPS along it ("urban canyon").
 */
public final class Segment {

    /** What the vehicle does at the end of a segment. */
    public enum EndAction {
        /** Drive on into the next segment. */
        NONE,
        /** Stop at a red light, engine idling. */
        RED_LIGHT,
        /** Park for a delivery, engine off. */
        DELIVERY,
        /** Stop at a fuel station, engine off, and fill the tank. */
        REFUEL
    }

    private final RoadType type;
    private final int limitKmh;
    private final double lengthM;
    private final double headingDeg;
    private final double sinHeading;
    private final double cosHeading;
    private final double grade;
    private final EndAction endAction;
    private final double waitS;
    private final boolean urbanCanyon;

    public Segment(
            RoadType type,
            int limitKmh,
            double lengthM,
            double headingDeg,
            double grade,
            EndAction endAction,
            double waitS,
            boolean urbanCanyon) {
        this.type = type;
        this.limitKmh = limitKmh;
        this.lengthM = lengthM;
        this.headingDeg = headingDeg;
        double rad = Math.toRadians(headingDeg);
        this.sinHeading = Math.sin(rad);
        this.cosHeading = Math.cos(rad);
        this.grade = grade;
        this.endAction = endAction;
        this.waitS = waitS;
        this.urbanCanyon = urbanCanyon;
    }

    public RoadType type() {
        return type;
    }

    public int limitKmh() {
        return limitKmh;
    }

    public double limitMps() {
        return limitKmh / 3.6;
    }

    public double lengthM() {
        return lengthM;
    }

    /** Course, 0 = north, clockwise, in [0, 360). */
    public double headingDeg() {
        return headingDeg;
    }

    public double sinHeading() {
        return sinHeading;
    }

    public double cosHeading() {
        return cosHeading;
    }

    /** Rise over run; positive uphill. */
    public double grade() {
        return grade;
    }

    public EndAction endAction() {
        return endAction;
    }

    /** Whether the vehicle comes to a standstill at the end. */
    public boolean stopsAtEnd() {
        return endAction != EndAction.NONE;
    }

    /** How long the stop at the end lasts (red light or delivery; refuelling lasts until full). */
    public double waitS() {
        return waitS;
    }

    public boolean urbanCanyon() {
        return urbanCanyon;
    }
}
