package io.fleetpulse.ingest.replay;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.validate.Violation;
import java.util.List;

/**
 * One data line of a CSV file after parsing: the event it describes (null when the line could not
 * be read at all), why it cannot be sent as is (empty when it can, before contract validation), and
 * cells that did not make it into the event.
 *
 * @param line 1-based line number in the file
 * @param text the line as written, for the dead-letter payload
 * @param event the parsed event, or null
 * @param violations parse problems that make the row a dead letter
 * @param problems cells reported to the user (unknown columns, unparsable values)
 */
public record CsvRow(
        long line,
        String text,
        TelemetryEvent event,
        List<Violation> violations,
        List<CellProblem> problems) {

    public CsvRow {
        violations = List.copyOf(violations);
        problems = List.copyOf(problems);
    }

    /** The vehicle id if it could be read, else null. */
    public String vehicleId() {
        if (event == null || event.getVehicleId() == null || event.getVehicleId().isBlank()) {
            return null;
        }
        return event.getVehicleId();
    }
}
