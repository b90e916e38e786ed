package io.fleetpulse.ingest.gateway;

import io.fleetpulse.ingest.validate.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's Micrometer meters. Tags are bounded enums (format, reject reason, batch error,
 * route template, status code), never ids, so the series count stays small. Every record and batch
 * counter is registered up front so dashboards see zeros instead of gaps.
 */
final class GatewayMetrics {

    static final String ACCEPTED = "fleet.gateway.records.accepted";
    static final String REJECTED = "fleet.gateway.records.rejected";
    static final String REFUSED = "fleet.gateway.batches.refused";
    static final String REQUESTS = "fleet.gateway.http.requests";

    private final MeterRegistry registry;
    private final Map<BatchFormat, Counter> accepted = new EnumMap<>(BatchFormat.class);
    private final Map<BatchFormat, Map<RejectReason, Counter>> rejected =
            new EnumMap<>(BatchFormat.class);
    private final Map<RequestError, Counter> refused = new EnumMap<>(RequestError.class);

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (BatchFormat f : BatchFormat.values()) {
            accepted.put(
                    f,
                    Counter.builder(ACCEPTED)
                            .description("Records written to the raw topic")
                            .tag("format", f.tag())
                            .register(registry));
            Map<RejectReason, Counter> byReason = new EnumMap<>(RejectReason.class);
            for (RejectReason r : RejectReason.values()) {
                byReason.put(
                        r,
                        Counter.builder(REJECTED)
                                .description("Records written to the dead-letter topic")
                                .tag("format", f.tag())
                                .tag("reason", r.name())
                                .register(registry));
            }
            rejected.put(f, byReason);
        }
        for (RequestError e : RequestError.values()) {
            refused.put(
                    e,
                    Counter.builder(REFUSED)
                            .description("Requests refused as a whole")
                            .tag("reason", e.name())
                            .register(registry));
        }
    }

    void accepted(BatchFormat format, int count) {
        accepted.get(format).increment(count);
    }

    void rejected(BatchFormat format, RejectReason reason) {
        rejected.get(format).get(reason).increment();
    }

    void refused(RequestError error) {
        refused.get(error).increment();
    }

    /** Records one finished HTTP request; {@code route} must be a template, not a raw path. */
    void request(String method, String route, int status, long nanos) {
        Timer.builder(REQUESTS)
                .description("HTTP request latency, receipt to response")
                .tag("method", method.toUpperCase(Locale.ROOT))
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
