package io.fleetpulse.serving;

import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.serving.alerts.AlertStreams;
import io.fleetpulse.serving.feed.ModelFeed;
import io.fleetpulse.serving.http.ServingMetrics;
import io.fleetpulse.serving.models.ModelRegistry;
import io.fleetpulse.serving.models.RegistryView;
import io.fleetpulse.serving.models.ServedModels;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The model-serving process: the {@link ModelRegistry} (pins restored from the state directory),
 * the {@link ModelFeed} filling it from the models topic, the alert streams and the HTTP server.
 * {@link #close()} stops the streams, lets in-flight requests finish, then stops the feed.
 */
public final class ModelServing implements AutoCloseable {

    private final ServingSettings settings;
    private final ModelRegistry registry;
    private final PrometheusMeterRegistry meters;
    private final ServingMetrics metrics;
    private final ServedModels served;
    private final ModelFeed feed;
    private final AlertStreams alerts;
    private final ServingServer server;

    private ModelServing(ServingSettings settings, Clock clock) {
        this.settings = settings;
        this.registry = ModelRegistry.open(settings.stateDir(), settings.keepVersions(), clock);
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new ServingMetrics(meters, registry, clock);
        this.served = new ServedModels();
        Consumer<RegistryView> onChange =
                view -> {
                    served.retain(view);
                    metrics.observe(view);
                };
        onChange.accept(registry.current());
        if (settings.bootstrap() != null) {
            this.feed =
                    new ModelFeed(
                            settings.bootstrap(),
                            settings.topics().models().name(),
                            registry,
                            new ModelFeed.Listener() {
                                @Override
                                public void refused(String reason) {
                                    metrics.refused(reason);
                                }

                                @Override
                                public void changed() {
                                    onChange.accept(registry.current());
                                }
                            });
            this.alerts =
                    new AlertStreams(
                            settings.bootstrap(),
                            settings.topics().alerts().name(),
                            settings.maxAlertStreams(),
                            metrics);
        } else {
            this.feed = null;
            this.alerts = null;
        }
        this.server =
                new ServingServer(
                        settings,
                        registry,
                        served,
                        meters,
                        metrics,
                        alerts,
                        this::readiness,
                        onChange,
                        clock);
    }

    /**
     * Starts serving: HTTP at once (health answers, readiness says not ready), the models topic
     * read in the background.
     *
     * @throws IllegalStateException if the pin state cannot be read (the file is named)
     */
    public static ModelServing start(ServingSettings settings, Clock clock) {
        ModelServing s = new ModelServing(settings, clock);
        try {
            s.server.start();
            if (s.feed != null) {
                s.feed.start();
            }
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** What is missing before every model can be served (empty = ready). */
    public List<String> readiness() {
        List<String> missing = new ArrayList<>();
        if (feed != null && !feed.caughtUp()) {
            missing.add("models topic not read to its end yet");
        }
        RegistryView view = registry.current();
        for (ModelKind k : ModelKind.values()) {
            if (!view.models().containsKey(k.modelName())) {
                missing.add(k.modelName() + " has no version yet");
            }
        }
        if (!view.allServable()) {
            missing.add("a model is pinned to a version that is not loaded");
        }
        return missing;
    }

    /** Waits until the models topic has been read to its end (true at once without Kafka). */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return feed == null || feed.awaitCaughtUp(timeout);
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** Tells metrics and caches about a change made directly on the registry (bench, tests). */
    public void registryChanged() {
        served.retain(registry.current());
        metrics.observe(registry.current());
    }

    public int port() {
        return server.port();
    }

    public URI baseUri() {
        return URI.create("http://" + settings.host() + ":" + port());
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        try {
            if (alerts != null) {
                alerts.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.close();
        } finally {
            try {
                if (feed != null) {
                    feed.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                meters.close();
            }
        }
    }
}
