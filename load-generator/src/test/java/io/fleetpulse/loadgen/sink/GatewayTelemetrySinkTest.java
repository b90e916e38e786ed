package io.fleetpulse.loadgen.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.loadgen.report.SendStats;
import io.fleetpulse.loadgen.sim.FleetSimulator;
import io.fleetpulse.loadgen.sim.SimulationConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gateway client against a stand-in that speaks the gateway API. */
class GatewayTelemetrySinkTest {

    private static List<TelemetryEvent> simulate(int n) {
        FleetSimulator sim =
                new FleetSimulator(
                        SimulationConfig.defaults(1_735_718_400_000L).withVehicles(50, 250),
                        l -> {});
        List<TelemetryEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TelemetryEvent e = new TelemetryEvent();
            sim.next(e);
            out.add(e);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(GatewayFormat.class)
    void everyEventArrivesUnchangedAndRejectionsAreCounted(GatewayFormat format) throws Exception {
        List<TelemetryEvent> events = simulate(1234);
        SendStats stats = new SendStats();
        try (GatewayStub gateway = new GatewayStub(e -> e.getSeq() % 10 == 3);
                GatewayTelemetrySink sink =
                        new GatewayTelemetrySink(
                                gateway.url(), format, 100, Duration.ofSeconds(10), 3, stats)) {
            for (TelemetryEvent e : events) {
                sink.send(e, System.nanoTime());
            }
            sink.flush();

            long rejected = events.stream().filter(e -> e.getSeq() % 10 == 3).count();
            assertThat(stats.acked()).isEqualTo(events.size() - rejected);
            assertThat(stats.rejected()).isEqualTo(rejected);
            assertThat(stats.failed()).isZero();
            assertThat(gateway.contentTypes)
                    .hasSize(13)
                    .allMatch(t -> t.equals(format.contentType()));
            assertThat(gateway.requestIds)
                    .doesNotHaveDuplicates()
                    .allMatch(id -> id.startsWith("sim-"));
            List<TelemetryEvent> expected =
                    events.stream().filter(e -> e.getSeq() % 10 != 3).toList();
            assertThat(gateway.received).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(stats.intervalLatencies().getTotalCount()).isEqualTo(expected.size());
        }
    }

    @Test
    void aFailingGatewayCountsEveryEventAsFailedWithTheReason() throws Exception {
        SendStats stats = new SendStats();
        try (GatewayStub gateway = new GatewayStub(e -> false);
                GatewayTelemetrySink sink =
                        new GatewayTelemetrySink(
                                gateway.url(),
                                GatewayFormat.AVRO,
                                50,
                                Duration.ofSeconds(10),
                                2,
                                stats)) {
            gateway.failWithStatus = 503;
            for (TelemetryEvent e : simulate(120)) {
                sink.send(e, System.nanoTime());
            }
            sink.flush();
            assertThat(stats.failed()).isEqualTo(120);
            assertThat(stats.acked()).isZero();
            assertThat(stats.firstError()).contains("HTTP 503", "UNAVAILABLE");
        }
    }

    @Test
    void anUnreachableGatewayFailsTheEventsInsteadOfHanging() throws Exception {
        SendStats stats = new SendStats();
        java.net.URI nowhere;
        try (GatewayStub closed = new GatewayStub(e -> false)) {
            nowhere = closed.url();
        }
        try (GatewayTelemetrySink sink =
                new GatewayTelemetrySink(
                        nowhere, GatewayFormat.JSON, 10, Duration.ofSeconds(10), 1, stats)) {
            for (TelemetryEvent e : simulate(25)) {
                sink.send(e, System.nanoTime());
            }
            sink.flush();
        }
        assertThat(stats.failed()).isEqualTo(25);
        assertThat(stats.firstError()).contains("POST");
    }
}
