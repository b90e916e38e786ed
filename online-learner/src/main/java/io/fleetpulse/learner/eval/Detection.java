package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.Alert;

/**
 * One alert of a detector under evaluation, reduced to what matching needs: the vehicle, the kind
 * (and whether it names no particular kind, as a model's "this is unusual" does), the event-time
 * interval it covers and when it was raised.
 *
 * @param vehicleId the vehicle
 * @param kind the alert kind
 * @param anyKind true for kind-agnostic alerts (model scores), which may match a label of any kind
 * @param start start of the first window that showed it, ms
 * @param detectedAt event time at which it was raised, ms
 * @param end end of the last window that showed it, ms
 */
public record Detection(
        String vehicleId, String kind, boolean anyKind, long start, long detectedAt, long end) {

    /** A CLEARED alert as a detection (its OPEN record carried the same times). */
    public static Detection of(Alert cleared) {
        long end = cleared.getEndTime() == null ? cleared.getDetectedAt() : cleared.getEndTime();
        return new Detection(
                cleared.getVehicleId(),
                cleared.getKind(),
                "MODEL".equals(cleared.getSource()),
                cleared.getStartTime(),
                cleared.getDetectedAt(),
                Math.max(end, cleared.getDetectedAt()));
    }
}
