package io.fleetpulse.learner.eval;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.telemetry.RawTelemetry;
import io.fleetpulse.ingest.wire.AvroWire;
import java.util.Iterator;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Feeds FeatureJob, through Flink's generator source, the events of an {@link InProcess} iterator
 * in order, as if read from the raw topic (the source must run with parallelism 1).
 */
final class EventGenerator implements GeneratorFunction<Long, RawTelemetry> {

    private static final long serialVersionUID = 1L;

    private final String id;
    private transient Iterator<TelemetryEvent> events;
    private transient AvroWire<TelemetryEvent> wire;

    EventGenerator(String id) {
        this.id = id;
    }

    @Override
    public void open(SourceReaderContext context) {
        events = InProcess.source(id);
        wire = AvroWire.of(TelemetryEvent.class);
    }

    @Override
    public RawTelemetry map(Long index) {
        TelemetryEvent e = events.next();
        return RawTelemetry.decoded(
                e,
                wire.encode(e),
                new RawTelemetry.Source("eval", 0, index, e.getEventTime(), e.getVehicleId()));
    }
}
