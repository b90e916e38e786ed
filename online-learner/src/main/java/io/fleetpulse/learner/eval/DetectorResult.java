package io.fleetpulse.learner.eval;

import java.util.List;

/**
 * One detector's alerts on an evaluation run.
 *
 * @param name what it is
 * @param detections its alerts
 * @param nanos processing time it took
 */
public record DetectorResult(String name, List<Detection> detections, long nanos) {}
