package io.fleetpulse.learner.job;

import io.fleetpulse.learner.averaging.ParameterCompression;
import io.fleetpulse.learner.averaging.ReplicaReport;

/**
 * A replica's report on its way to the averager: the model it is about (the key of the averager)
 * and the report's bytes, compressed as configured. A Flink POJO.
 */
public class ReportEnvelope {

    public String modelName;
    public int replica;
    public byte[] payload;

    public ReportEnvelope() {}

    public static ReportEnvelope of(ReplicaReport r, ParameterCompression compression) {
        ReportEnvelope e = new ReportEnvelope();
        e.modelName = r.modelName();
        e.replica = r.replica();
        e.payload = r.toBytes(compression);
        return e;
    }

    public ReplicaReport report() {
        return ReplicaReport.fromBytes(payload);
    }
}
