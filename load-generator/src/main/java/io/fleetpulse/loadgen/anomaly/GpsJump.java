package io.fleetpulse.loadgen.anomaly;

import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.loadgen.physics.Route;
import io.fleetpulse.loadgen.physics.VehicleState;

/**
 * The GPS reports a position kilometres away for a few seconds (multipath, spoofing) and then snaps
 * back: an implausible jump no vehicle could drive.
 */
final class GpsJump extends Episode {

    private final double dLat;
    private final double dLon;
    private final double km;
    private final double seconds;

    GpsJump(double endsS, double seconds, double dLat, double dLon, double km) {
        super(AnomalyKind.GPS_JUMP, null, endsS);
        this.seconds = seconds;
        this.dLat = dLat;
        this.dLon = dLon;
        this.km = km;
    }

    @Override
    public void distort(VehicleState s, double[] truth, double[] reading) {
        if (s.timeS < endsS) {
            int lat = Sensor.LATITUDE.ordinal();
            int lon = Sensor.LONGITUDE.ordinal();
            reading[lat] = Math.max(-90, Math.min(90, reading[lat] + dLat));
            reading[lon] = Math.max(-180, Math.min(180, reading[lon] + dLon));
        }
    }

    @Override
    protected boolean injecting(VehicleState s, Route route) {
        return s.timeS < endsS;
    }

    @Override
    protected boolean shows(VehicleState s, Route route, double[] truth) {
        return injecting(s, route);
    }

    @Override
    protected String describe() {
        return "GPS position jumped " + fmt(km) + " km away for " + fmt(seconds) + " s";
    }
}
