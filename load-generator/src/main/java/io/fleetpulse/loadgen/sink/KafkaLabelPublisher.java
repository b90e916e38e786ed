package io.fleetpulse.loadgen.sink;

import io.fleetpulse.avro.AnomalyLabel;
import io.fleetpulse.ingest.topics.TopicSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes ground-truth anomaly labels to the labels topic (key = vehicle id, value with the
 * topic's serde), on its own small producer so labels never queue behind telemetry.
 */
public final class KafkaLabelPublisher implements Consumer<AnomalyLabel>, AutoCloseable {

    private final Producer<String, AnomalyLabel> producer;
    private final String topic;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    public KafkaLabelPublisher(ProducerSettings settings, TopicSpec<String, AnomalyLabel> spec) {
        this.producer =
                new KafkaProducer<>(
                        settings.tuning(),
                        spec.keySerde().serializer(),
                        spec.valueSerde().serializer());
        this.topic = spec.name();
    }

    @Override
    public void accept(AnomalyLabel label) {
        producer.send(
                new ProducerRecord<>(topic, label.getVehicleId(), label),
                (metadata, exception) -> {
                    if (exception == null) {
                        acked.incrementAndGet();
                    } else {
                        firstError.compareAndSet(null, exception.toString());
                    }
                });
    }

    /** Labels acknowledged by the broker. */
    public long acked() {
        return acked.get();
    }

    /** The first failure, or null. */
    public String firstError() {
        return firstError.get();
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
