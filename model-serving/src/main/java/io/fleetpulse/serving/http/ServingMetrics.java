package io.fleetpulse.serving.http;

import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.serving.models.ModelRegistry;
import io.fleetpulse.serving.models.ModelVersions;
import io.fleetpulse.serving.models.RegistryView;
import io.fleetpulse.serving.models.UnknownModelException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * model-serving's Micrometer meters (Prometheus at {@code /metrics}): request rate and latency per
 * route template and status, the served version of each model, swaps (served version changed),
 * seconds since each model's last update, snapshots refused, open alert streams. Tags are bounded
 * (model names of {@link ModelKind}, route templates, status codes).
 */
public final class ServingMetrics {

    static final String REQUESTS = "fleet.serving.http.requests";
    static final String VERSION = "fleet.serving.model.version";
    static final String SWAPS = "fleet.serving.model.swaps";
    static final String SINCE_UPDATE = "fleet.serving.model.since.update";
    static final String REFUSED = "fleet.serving.model.snapshots.refused";
    static final String STREAMS = "fleet.serving.alert.streams";

    private final MeterRegistry meters;
    private final Map<String, Long> lastServed = new HashMap<>();
    private final AtomicInteger streams = new AtomicInteger();

    public ServingMetrics(MeterRegistry meters, ModelRegistry registry, Clock clock) {
        this.meters = meters;
        for (ModelKind k : ModelKind.values()) {
            String name = k.modelName();
            Gauge.builder(VERSION, registry, r -> served(r.current(), name))
                    .description("Version of the model served now (NaN before the first)")
                    .tag("model", name)
                    .register(meters);
            Gauge.builder(SINCE_UPDATE, registry, r -> sinceUpdate(r.current(), name, clock))
                    .description("Seconds since the model's newest version arrived")
                    .baseUnit("seconds")
                    .tag("model", name)
                    .register(meters);
            swaps(name);
        }
        Gauge.builder(STREAMS, streams, AtomicInteger::get)
                .description("Open alert streams (SSE clients)")
                .register(meters);
    }

    /** Counts a swap for every model whose served version differs from the one seen before. */
    public synchronized void observe(RegistryView view) {
        for (ModelVersions m : view.models().values()) {
            long now;
            try {
                now = m.served().version();
            } catch (UnknownModelException e) {
                continue;
            }
            Long before = lastServed.put(m.name(), now);
            if (before != null && before != now) {
                swaps(m.name()).increment();
            }
        }
    }

    /** A snapshot from the models topic that was not served, by reason. */
    public void refused(String reason) {
        Counter.builder(REFUSED)
                .description("Snapshots read from the models topic and not served")
                .tag("reason", reason)
                .register(meters)
                .increment();
    }

    /** Records one finished HTTP request; {@code route} is a template, not a raw path. */
    public void request(String method, String route, int status, long nanos) {
        Timer.builder(REQUESTS)
                .description("HTTP request latency, receipt to response")
                .tag("method", method.toUpperCase(Locale.ROOT))
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void streamOpened() {
        streams.incrementAndGet();
    }

    public void streamClosed() {
        streams.decrementAndGet();
    }

    private Counter swaps(String model) {
        return Counter.builder(SWAPS)
                .description("Times the served version of the model changed (hot swaps, pins)")
                .tag("model", model)
                .register(meters);
    }

    private static double served(RegistryView view, String model) {
        ModelVersions m = view.models().get(model);
        if (m == null) {
            return Double.NaN;
        }
        try {
            return m.served().version();
        } catch (UnknownModelException e) {
            return Double.NaN;
        }
    }

    private static double sinceUpdate(RegistryView view, String model, Clock clock) {
        ModelVersions m = view.models().get(model);
        if (m == null || m.updatedAt().isEmpty()) {
            return Double.NaN;
        }
        return Duration.between(m.updatedAt().get(), clock.instant()).toMillis() / 1000.0;
    }
}
