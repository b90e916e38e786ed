package io.fleetpulse.ingest.validate;

import io.fleetpulse.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Collectors;

/** Builds {@link DeadLetter} records so every stage writes them the same way. */
public final class DeadLetters {

    private DeadLetters() {}

    /** A dead letter for a record with one or more violations; the first names the reason code. */
    public static DeadLetter of(
            String stage,
            String sourceTopic,
            String vehicleId,
            String contentType,
            byte[] payload,
            List<Violation> violations,
            long rejectedAt) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a dead letter needs at least one violation");
        }
        return DeadLetter.newBuilder()
                .setReasonCode(violations.get(0).reason().name())
                .setDetail(
                        violations.stream()
                                .map(Violation::toString)
                                .collect(Collectors.joining("; ")))
                .setStage(stage)
                .setSourceTopic(sourceTopic)
                .setVehicleId(vehicleId)
                .setRejectedAt(rejectedAt)
                .setContentType(contentType)
                .setPayload(ByteBuffer.wrap(payload == null ? new byte[0] : payload))
                .build();
    }
}
