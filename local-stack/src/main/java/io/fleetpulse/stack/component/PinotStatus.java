package io.fleetpulse.stack.component;

import io.fleetpulse.ingest.topics.Topics;
import io.fleetpulse.pinot.PinotBrokerClient;
import io.fleetpulse.pinot.PinotConfigs;
import io.fleetpulse.pinot.PinotException;
import io.fleetpulse.pinot.PinotTable;
import io.fleetpulse.pinot.QueryResult;
import io.fleetpulse.stack.ComponentState;
import io.fleetpulse.stack.TextTable;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The Pinot part of {@code fleet status}: the broker's address and the rows each FleetPulse table
 * holds (for the alerts table: alerts, each in its latest state), or why Pinot does not answer.
 */
public final class PinotStatus {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private PinotStatus() {}

    /** Prints the tables of the recorded, running Pinot component {@code pinot}. */
    public static void print(ComponentState pinot, PrintStream out) {
        String broker = PinotComponent.brokerUrl(pinot);
        PinotBrokerClient client = new PinotBrokerClient(broker, TIMEOUT);
        TextTable t = new TextTable("pinot table", "rows queryable");
        for (PinotTable table : PinotConfigs.all(Topics.DEFAULT, "-")) {
            String rows;
            try {
                QueryResult r = client.query("SELECT COUNT(*) FROM " + table.name());
                rows =
                        r.rows().isEmpty()
                                ? "0"
                                : String.format("%,d", r.rows().get(0).get(0).asLong());
            } catch (PinotException e) {
                rows = "? (" + e.getMessage() + ")";
            }
            t.row(table.name(), rows);
        }
        out.println("pinot (controller " + pinot.address() + ", broker " + broker + "):");
        t.print(out, 2);
    }
}
