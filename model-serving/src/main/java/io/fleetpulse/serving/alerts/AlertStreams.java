package io.fleetpulse.serving.alerts;

import io.fleetpulse.avro.Alert;
import io.fleetpulse.ingest.wire.AvroWire;
import io.fleetpulse.serving.feed.ReaderProps;
import io.fleetpulse.serving.http.ApiError;
import io.fleetpulse.serving.http.ApiException;
import io.fleetpulse.serving.http.Json;
import io.fleetpulse.serving.http.ServingMetrics;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/alerts/stream}: the alerts topic as Server-Sent Events. Each client gets its own
 * read_committed consumer (no group) in its own thread, filtered by {@link AlertFilter}, starting
 * at the end of the topic ({@code from=now}, default), its beginning ({@code from=beginning}) or
 * after a given alert ({@code Last-Event-ID} header or {@code from=<event id>}, see {@link
 * StreamPosition}). A comment {@code subscribed} is sent once the position is taken, and a
 * keep-alive comment every few seconds, which also notices clients that went away. Records that are
 * not Alerts are skipped and logged.
 */
public final class AlertStreams implements AutoCloseable {

    public static final String PATH = "/v1/alerts/stream";

    static final String EVENT = "alert";
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    private static final String FILTER_ATTR = "fleet.alerts.filter";
    private static final String POSITION_ATTR = "fleet.alerts.position";
    private static final String FROM_NOW = "now";
    private static final String FROM_BEGINNING = "beginning";
    private static final Logger LOG = LoggerFactory.getLogger(AlertStreams.class);

    private final String topic;
    private final Properties props;
    private final int maxClients;
    private final ServingMetrics metrics;
    private final AvroWire<Alert> wire = AvroWire.of(Alert.class);
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<KafkaConsumer<?, ?>> consumers = ConcurrentHashMap.newKeySet();
    private volatile int partitions = -1;
    private volatile boolean closed;

    public AlertStreams(String bootstrap, String topic, int maxClients, ServingMetrics metrics) {
        this.topic = topic;
        this.maxClients = maxClients;
        this.metrics = metrics;
        this.props = ReaderProps.readCommitted(bootstrap, "model-serving-alerts");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    }

    /**
     * Before the stream starts (a refusal can still be a 4xx JSON answer): checks the filter, the
     * position and the client limit.
     */
    public void prepare(Context ctx) {
        if (closed) {
            throw new ApiException(ApiError.UNAVAILABLE, "the server is stopping");
        }
        if (threads.size() >= maxClients) {
            throw new ApiException(
                    ApiError.UNAVAILABLE,
                    "too many alert streams open (" + maxClients + "); try again later");
        }
        ctx.attribute(
                FILTER_ATTR,
                AlertFilter.of(
                        ctx.queryParams("vehicle"),
                        ctx.queryParams("kind"),
                        ctx.queryParam("severity")));
        String lastId = ctx.header("Last-Event-ID");
        String from = lastId != null && !lastId.isBlank() ? lastId : ctx.queryParam("from");
        String field = lastId != null && !lastId.isBlank() ? "Last-Event-ID" : "from";
        if (from == null || from.isBlank() || from.equals(FROM_NOW)) {
            ctx.attribute(POSITION_ATTR, FROM_NOW);
        } else if (from.equals(FROM_BEGINNING)) {
            ctx.attribute(POSITION_ATTR, FROM_BEGINNING);
        } else {
            ctx.attribute(POSITION_ATTR, StreamPosition.parse(from, partitions(), field));
        }
    }

    /** The SSE handler: hands the client to its own thread. */
    public void stream(SseClient client) {
        AlertFilter filter = client.ctx().attribute(FILTER_ATTR);
        Object from = client.ctx().attribute(POSITION_ATTR);
        client.keepAlive();
        Thread t = new Thread(() -> serve(client, filter, from), "alert-stream");
        t.setDaemon(true);
        threads.add(t);
        metrics.streamOpened();
        t.start();
    }

    private void serve(SseClient client, AlertFilter filter, Object from) {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumers.add(c);
            try {
                if (!closed) {
                    follow(c, client, filter, from);
                }
            } finally {
                consumers.remove(c);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("Alert stream ended: {}", e.toString());
                try {
                    client.sendEvent(
                            "error",
                            Json.write(Map.of("error", "alert stream failed: " + e.getMessage())),
                            null);
                } catch (RuntimeException ignored) {
                    // the client may be gone already
                }
            }
        } finally {
            threads.remove(Thread.currentThread());
            metrics.streamClosed();
            client.close();
        }
    }

    private void follow(
            KafkaConsumer<byte[], byte[]> c, SseClient client, AlertFilter filter, Object from) {
        StreamPosition pos = seek(c, from);
        client.sendComment("subscribed");
        long lastWrite = System.nanoTime();
        while (!closed && !client.terminated()) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                pos.passed(r.partition(), r.offset());
                Alert a = decode(r);
                if (a != null && filter.test(a)) {
                    client.sendEvent(EVENT, Json.write(AlertJson.of(a)), pos.id());
                    lastWrite = System.nanoTime();
                }
            }
            if (System.nanoTime() - lastWrite > KEEP_ALIVE.toNanos()) {
                client.sendComment("keep-alive");
                lastWrite = System.nanoTime();
            }
        }
    }

    private StreamPosition seek(KafkaConsumer<byte[], byte[]> c, Object from) {
        List<TopicPartition> parts = new ArrayList<>();
        for (int p = 0; p < partitions(); p++) {
            parts.add(new TopicPartition(topic, p));
        }
        c.assign(parts);
        StreamPosition pos = StreamPosition.start(parts.size());
        if (from instanceof StreamPosition given) {
            pos = given;
        } else {
            Map<TopicPartition, Long> offsets =
                    FROM_BEGINNING.equals(from) ? c.beginningOffsets(parts) : c.endOffsets(parts);
            for (TopicPartition tp : parts) {
                pos.set(tp.partition(), offsets.get(tp));
            }
        }
        for (TopicPartition tp : parts) {
            c.seek(tp, pos.next(tp.partition()));
        }
        return pos;
    }

    private Alert decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return wire.decode(r.value());
        } catch (RuntimeException e) { // WireFormatException and Avro decoding errors
            LOG.warn(
                    "Skipping record {}-{}@{}: not an Alert ({})",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    e.getMessage());
            return null;
        }
    }

    /** The alerts topic's partition count, looked up once. */
    int partitions() {
        int n = partitions;
        if (n > 0) {
            return n;
        }
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                throw new ApiException(
                        ApiError.UNAVAILABLE, "the alerts topic " + topic + " does not exist");
            }
            partitions = infos.size();
            return infos.size();
        } catch (RuntimeException e) {
            if (e instanceof ApiException a) {
                throw a;
            }
            throw new ApiException(
                    ApiError.UNAVAILABLE, "Kafka is not reachable for the alert stream");
        }
    }

    /** Open streams. */
    public int open() {
        return threads.size();
    }

    /** Ends every stream. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread t : List.copyOf(threads)) {
            t.join(5_000);
        }
    }
}
