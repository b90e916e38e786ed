package io.fleetpulse.ingest.gateway;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.json.JsonRecord;
import io.fleetpulse.ingest.json.MalformedJsonException;
import io.fleetpulse.ingest.json.TelemetryJsonReader;
import io.fleetpulse.ingest.json.TooManyRecordsException;
import io.fleetpulse.ingest.validate.RejectReason;
import io.fleetpulse.ingest.validate.TelemetryValidator;
import io.fleetpulse.ingest.validate.Violation;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.ingest.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request body into checked records: decodes it in its {@link BatchFormat} (JSON codec or
 * Avro frames), then runs the {@link TelemetryValidator} on every record that decoded. No I/O, so
 * everything the gateway decides about a batch is testable without Kafka or HTTP. Thread-safe.
 */
public final class BatchChecker {

    private final TelemetryValidator validator;
    private final AvroWire<TelemetryEvent> wire;
    private final int maxRecords;

    public BatchChecker(
            TelemetryValidator validator, AvroWire<TelemetryEvent> wire, int maxRecords) {
        this.validator = validator;
        this.wire = wire;
        this.maxRecords = maxRecords;
    }

    /**
     * Checks every record of {@code body}.
     *
     * @throws RequestRefusedException MALFORMED when the body is not a batch of that format at all,
     *     EMPTY_BATCH when it has no records, TOO_MANY_RECORDS past the limit
     */
    public List<CheckedRecord> check(BatchFormat format, byte[] body)
            throws RequestRefusedException {
        if (body.length == 0) {
            throw new RequestRefusedException(RequestError.EMPTY_BATCH, "the body is empty");
        }
        List<CheckedRecord> out = format == BatchFormat.JSON ? checkJson(body) : checkAvro(body);
        if (out.isEmpty()) {
            throw new RequestRefusedException(RequestError.EMPTY_BATCH, "the batch has no records");
        }
        return out;
    }

    private List<CheckedRecord> checkJson(byte[] body) throws RequestRefusedException {
        List<JsonRecord> records;
        try {
            records = TelemetryJsonReader.readBatch(body, maxRecords);
        } catch (MalformedJsonException e) {
            throw new RequestRefusedException(RequestError.MALFORMED, e.getMessage());
        } catch (TooManyRecordsException e) {
            throw new RequestRefusedException(RequestError.TOO_MANY_RECORDS, e.getMessage());
        }
        List<CheckedRecord> out = new ArrayList<>(records.size());
        for (JsonRecord r : records) {
            List<Violation> violations =
                    r.decoded() ? validator.validate(r.event()) : r.violations();
            byte[] original = violations.isEmpty() ? null : r.originalBytes(body);
            out.add(new CheckedRecord(r.event(), r.vehicleId(), violations, original));
        }
        return out;
    }

    private List<CheckedRecord> checkAvro(byte[] body) throws RequestRefusedException {
        List<byte[]> frames = AvroFrames.split(body, maxRecords);
        List<CheckedRecord> out = new ArrayList<>(frames.size());
        for (byte[] frame : frames) {
            TelemetryEvent event;
            try {
                event = wire.decode(frame);
            } catch (WireFormatException e) {
                Violation v = new Violation(reasonOf(e), null, e.getMessage());
                out.add(new CheckedRecord(null, null, List.of(v), frame));
                continue;
            }
            out.add(
                    new CheckedRecord(
                            event, event.getVehicleId(), validator.validate(event), frame));
        }
        return out;
    }

    private static RejectReason reasonOf(WireFormatException e) {
        try {
            return RejectReason.valueOf(e.reasonCode());
        } catch (IllegalArgumentException unknownCode) {
            return RejectReason.MALFORMED;
        }
    }
}
