package io.fleetpulse.loadgen.sink;

import io.fleetpulse.avro.TelemetryEvent;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/** Opens {@link GatewayStub} to tests in other packages. */
public final class GatewayStubAccess implements AutoCloseable {

    private final GatewayStub stub;

    private GatewayStubAccess(GatewayStub stub) {
        this.stub = stub;
    }

    /** A stand-in gateway that accepts everything. */
    public static GatewayStubAccess start() throws IOException {
        return new GatewayStubAccess(new GatewayStub(e -> false));
    }

    public URI url() {
        return stub.url();
    }

    public List<TelemetryEvent> received() {
        return stub.received;
    }

    /** Arrival times (ms since the epoch) of the received events, in the same order. */
    public List<Long> arrivals() {
        return stub.arrivals;
    }

    @Override
    public void close() {
        stub.close();
    }
}
