package io.fleetpulse.loadgen.physics;

import java.util.SplittableRandom;

/**
 * A vehicle's road ahead, generated one segment at a time: city blocks with turns, lights and
 * delivery stops alternate with highway stretches. It always knows the current and the next
 * segment, so the driver can anticipate the speed to carry over the boundary (a lower limit, a
 * turn). Routes steer back toward the region's centre when they come near its edge.
 */
public final class Route {

    /** Chance that a city block is followed by a highway stretch. */
    private static final double CITY_TO_HIGHWAY = 0.08;

    /** Chance that a highway stretch is followed by city streets. */
    private static final double HIGHWAY_TO_CITY = 0.35;

    /** Chance that a city block ends at a traffic light that is red on arrival. */
    private static final double RED_LIGHT = 0.30;

    /** Chance that a city block ends at a delivery stop. */
    private static final double DELIVERY_STOP = 0.03;

    /** Chance that a city block lies in an urban canyon (poor GPS). */
    private static final double URBAN_CANYON = 0.35;

    /** Keep routes this far (degrees, about 2 km) inside the region. */
    private static final double EDGE_MARGIN_DEG = 0.02;

    /** Speed through a right-angle turn. */
    private static final double TURN_SPEED_KMH = 18;

    private final Region region;
    private final SplittableRandom rng;
    private final double metresPerDegLon;
    private Segment current;
    private Segment next;
    private double exitSpeedMps;
    private boolean refuelWanted;

    /**
     * @param region where to stay
     * @param rng the vehicle's physics random stream
     * @param startHeadingDeg heading of the first segment
     * @param lat start latitude
     * @param lon start longitude
     */
    public Route(
            Region region, SplittableRandom rng, double startHeadingDeg, double lat, double lon) {
        this.region = region;
        this.rng = rng;
        this.metresPerDegLon =
                Region.METRES_PER_DEGREE * Math.cos(Math.toRadians(region.centerLat()));
        this.current = newSegment(RoadType.CITY, startHeadingDeg);
        this.next = following(current, lat, lon);
        this.exitSpeedMps = exitSpeed(current, next);
    }

    public Segment current() {
        return current;
    }

    public Segment next() {
        return next;
    }

    /** Speed to carry over the end of the current segment when it does not stop there. */
    public double exitSpeedMps() {
        return exitSpeedMps;
    }

    /** Asks for the next city block to end at a fuel station (once, until it is reached). */
    public void requestRefuel() {
        if (current.endAction() != Segment.EndAction.REFUEL
                && next.endAction() != Segment.EndAction.REFUEL) {
            refuelWanted = true;
        }
    }

    /** Moves on to the next segment; {@code lat, lon} is where the vehicle is now. */
    public void advance(double lat, double lon) {
        current = next;
        next = following(current, lat, lon);
        exitSpeedMps = exitSpeed(current, next);
    }

    private Segment following(Segment seg, double startLat, double startLon) {
        RoadType type =
                seg.type() == RoadType.CITY
                        ? (rng.nextDouble() < CITY_TO_HIGHWAY ? RoadType.HIGHWAY : RoadType.CITY)
                        : (rng.nextDouble() < HIGHWAY_TO_CITY ? RoadType.CITY : RoadType.HIGHWAY);
        double endLat = startLat + seg.lengthM() * seg.cosHeading() / Region.METRES_PER_DEGREE;
        double endLon = startLon + seg.lengthM() * seg.sinHeading() / metresPerDegLon;
        double heading;
        if (!region.containsWithMargin(endLat, endLon, EDGE_MARGIN_DEG)) {
            double north = (region.centerLat() - endLat) * Region.METRES_PER_DEGREE;
            double east = (region.centerLon() - endLon) * metresPerDegLon;
            heading = Math.toDegrees(Math.atan2(east, north)) + rng.nextDouble(-20, 20);
        } else if (type == RoadType.CITY) {
            double u = rng.nextDouble();
            heading = seg.headingDeg() + (u < 0.5 ? 0 : u < 0.75 ? 90 : -90);
        } else {
            heading = seg.headingDeg() + rng.nextDouble(-20, 20);
        }
        return newSegment(type, ((heading % 360) + 360) % 360);
    }

    private Segment newSegment(RoadType type, double headingDeg) {
        int limit = type.limitKmh(rng.nextDouble());
        double length = rng.nextDouble(type.minLengthM(), type.maxLengthM());
        double grade = rng.nextDouble(-type.maxGrade(), type.maxGrade());
        Segment.EndAction end = Segment.EndAction.NONE;
        double wait = 0;
        boolean canyon = false;
        if (type == RoadType.CITY) {
            canyon = rng.nextDouble() < URBAN_CANYON;
            double u = rng.nextDouble();
            if (refuelWanted) {
                end = Segment.EndAction.REFUEL;
                wait = 30;
                refuelWanted = false;
            } else if (u < DELIVERY_STOP) {
                end = Segment.EndAction.DELIVERY;
                wait = rng.nextDouble(120, 600);
            } else if (u < DELIVERY_STOP + RED_LIGHT) {
                end = Segment.EndAction.RED_LIGHT;
                wait = rng.nextDouble(10, 60);
            }
        }
        return new Segment(type, limit, length, headingDeg, grade, end, wait, canyon);
    }

    /**
     * The speed to pass the boundary at: the next limit (as this style drives it) and, through a
     * turn, a turning speed that falls with the angle.
     */
    private static double exitSpeed(Segment from, Segment to) {
        double limit = Math.min(from.limitKmh(), to.limitKmh());
        double angle = Math.abs(to.headingDeg() - from.headingDeg()) % 360;
        if (angle > 180) {
            angle = 360 - angle;
        }
        if (angle > 15) {
            double turn = angle >= 90 ? TURN_SPEED_KMH : TURN_SPEED_KMH + 40 * (1 - angle / 90);
            limit = Math.min(limit, turn);
        }
        return limit / 3.6;
    }
}
