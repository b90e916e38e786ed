package io.fleetpulse.loadgen.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.ingest.telemetry.ContextReading;
import io.fleetpulse.ingest.telemetry.Reading;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.wire.AvroWire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A stand-in for the ingest gateway's {@code POST /v1/telemetry} (per the API contract): decodes
 * Avro frames or JSON arrays, accepts every event except those {@code reject} picks, answers with
 * per-event results. Binds 127.0.0.1 on a free port.
 */
final class GatewayStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<TelemetryEvent> received = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    final List<String> requestIds = new CopyOnWriteArrayList<>();

    /** When each accepted event arrived, ms since the epoch (same order as {@link #received}). */
    final List<Long> arrivals = new CopyOnWriteArrayList<>();

    private final AvroWire<TelemetryEvent> wire = AvroWire.of(TelemetryEvent.class);
    private final HttpServer server;
    private final Predicate<TelemetryEvent> reject;
    volatile int failWithStatus;

    GatewayStub(Predicate<TelemetryEvent> reject) throws IOException {
        this.reject = reject;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/telemetry", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        contentTypes.add(type);
        requestIds.add(exchange.getRequestHeaders().getFirst("X-Request-Id"));
        if (failWithStatus != 0) {
            respond(exchange, failWithStatus, "{\"error\":\"down\",\"reason\":\"UNAVAILABLE\"}");
            return;
        }
        List<TelemetryEvent> events = type.contains("avro") ? frames(body) : json(body);
        StringBuilder results = new StringBuilder();
        int accepted = 0;
        for (int i = 0; i < events.size(); i++) {
            TelemetryEvent e = events.get(i);
            boolean ok = !reject.test(e);
            if (ok) {
                received.add(e);
                arrivals.add(System.currentTimeMillis());
                accepted++;
            }
            results.append(i == 0 ? "" : ",")
                    .append("{\"index\":")
                    .append(i)
                    .append(",\"status\":\"")
                    .append(ok ? "accepted" : "rejected\",\"reason\":\"OUT_OF_RANGE")
                    .append("\"}");
        }
        respond(
                exchange,
                200,
                "{\"accepted\":"
                        + accepted
                        + ",\"rejected\":"
                        + (events.size() - accepted)
                        + ",\"results\":["
                        + results
                        + "]}");
    }

    private List<TelemetryEvent> frames(byte[] body) {
        List<TelemetryEvent> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(body);
        while (buf.hasRemaining()) {
            byte[] frame = new byte[buf.getInt()];
            buf.get(frame);
            out.add(wire.decode(frame));
        }
        return out;
    }

    private static List<TelemetryEvent> json(byte[] body) throws IOException {
        List<TelemetryEvent> out = new ArrayList<>();
        for (JsonNode node : JSON.readTree(body)) {
            TelemetryEvent e = new TelemetryEvent();
            e.setVehicleId(node.get("vehicleId").asText());
            e.setDriverId(node.get("driverId").asText());
            e.setEventTime(node.get("eventTime").asLong());
            e.setSeq(node.get("seq").asLong());
            List<Reading> readings = new ArrayList<>(Sensor.ALL);
            readings.addAll(ContextReading.ALL);
            for (Reading r : readings) {
                JsonNode v = node.get(r.field());
                r.set(e, v == null || v.isNull() ? null : v.asDouble());
            }
            out.add(e);
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
