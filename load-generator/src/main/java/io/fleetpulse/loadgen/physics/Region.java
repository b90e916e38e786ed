package io.fleetpulse.loadgen.physics;

/**
 * The rectangle (WGS84 degrees) vehicles drive in; routes turn back toward its centre when they
 * reach its edge.
 */
public record Region(double minLat, double minLon, double maxLat, double maxLon) {

    /** Greater Berlin, about 45 x 55 km. */
    public static final Region DEFAULT = new Region(52.33, 13.08, 52.68, 13.76);

    /** Metres per degree of latitude (and of longitude at the equator). */
    public static final double METRES_PER_DEGREE = 111_320.0;

    public Region {
        if (!(minLat < maxLat) || !(minLon < maxLon)) {
            throw new IllegalArgumentException("region needs minLat < maxLat and minLon < maxLon");
        }
        if (minLat < -85 || maxLat > 85 || minLon < -180 || maxLon > 180) {
            throw new IllegalArgumentException(
                    "region must lie within latitudes -85..85 and longitudes -180..180");
        }
    }

    /** Parses {@code minLat,minLon,maxLat,maxLon}. */
    public static Region parse(String text) {
        String[] p = text.split(",");
        if (p.length != 4) {
            throw new IllegalArgumentException(
                    "region must be minLat,minLon,maxLat,maxLon but was '" + text + "'");
        }
        try {
            return new Region(
                    Double.parseDouble(p[0].trim()),
                    Double.parseDouble(p[1].trim()),
                    Double.parseDouble(p[2].trim()),
                    Double.parseDouble(p[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("region has a non-number: '" + text + "'");
        }
    }

    public double centerLat() {
        return (minLat + maxLat) / 2;
    }

    public double centerLon() {
        return (minLon + maxLon) / 2;
    }

    /** Whether a point lies inside, at least {@code marginDeg} from every edge. */
    public boolean containsWithMargin(double lat, double lon, double marginDeg) {
        return lat > minLat + marginDeg
                && lat < maxLat - marginDeg
                && lon > minLon + marginDeg
                && lon < maxLon - marginDeg;
    }

    @Override
    public String toString() {
        return minLat + "," + minLon + "," + maxLat + "," + maxLon;
    }
}
