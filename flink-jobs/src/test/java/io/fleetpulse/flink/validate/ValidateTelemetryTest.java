package io.fleetpulse.flink.validate;

import static io.fleetpulse.flink.testing.TelemetryFixtures.CLOCK;
import static io.fleetpulse.flink.testing.TelemetryFixtures.NOW;
import static io.fleetpulse.flink.testing.TelemetryFixtures.TOPIC;
import static io.fleetpulse.flink.testing.TelemetryFixtures.WIRE;
import static io.fleetpulse.flink.testing.TelemetryFixtures.record;
import static io.fleetpulse.flink.testing.TelemetryFixtures.validEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetpulse.avro.DeadLetter;
import io.fleetpulse.avro.TelemetryEvent;
import io.fleetpulse.flink.FeatureJobOptions;
import io.fleetpulse.flink.telemetry.RawTelemetry;
import io.fleetpulse.flink.telemetry.RawTelemetryDeserializer;
import io.fleetpulse.ingest.telemetry.Sensor;
import io.fleetpulse.ingest.validate.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateTelemetryTest {

    private final RawTelemetryDeserializer deserializer = new RawTelemetryDeserializer();
    private final OperatorMetrics metrics = new OperatorMetrics();
    private OneInputStreamOperatorTestHarness<RawTelemetry, TelemetryEvent> harness;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void open(ValidateTelemetry function) throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(function), metrics.environment());
        harness.open();
    }

    private void openDefault() throws Exception {
        open(new ValidateTelemetry(CLOCK, Duration.ofMinutes(5), null));
    }

    private void process(ConsumerRecord<byte[], byte[]> record) throws Exception {
        harness.processElement(deserializer.read(record), record.offset());
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(ValidateTelemetry.DEAD_LETTERS) == null
                ? List.of()
                : harness.getSideOutput(ValidateTelemetry.DEAD_LETTERS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    private long counter(String name) {
        return ((Counter) metrics.operator().get(name)).getCount();
    }

    @Test
    void validEventsPassOnTheMainOutputWithTheirTimestamps() throws Exception {
        openDefault();
        TelemetryEvent first = validEvent("v-1", 1);
        TelemetryEvent second = validEvent("v-2", 1);
        second.setSpeedKmh(null); // a missing reading is valid: the imputer fills it

        process(record(first, 100));
        process(record(second, 101));

        assertThat(harness.extractOutputValues()).containsExactly(first, second);
        assertThat(harness.extractOutputStreamRecords())
                .extracting(StreamRecord::getTimestamp)
                .containsExactly(100L, 101L);
        assertThat(deadLetters()).isEmpty();
        assertThat(counter(ValidateTelemetry.VALID_EVENTS_METRIC)).isEqualTo(2);
        assertThat(counter(ValidateTelemetry.DEAD_LETTERS_METRIC)).isZero();
    }

    static Stream<Arguments> badRecords() {
        return Stream.of(
                Arguments.of(
                        "not Avro at all",
                        record("v-9", "speed=12".getBytes(), 7),
                        RejectReason.MALFORMED,
                        "single-object"),
                Arguments.of(
                        "a tombstone", record("v-9", null, 7), RejectReason.MALFORMED, "no value"),
                Arguments.of(
                        "an unknown writer schema",
                        record("v-9", withFingerprintFlipped(validEvent("v-9", 1)), 7),
                        RejectReason.UNKNOWN_SCHEMA,
                        "fingerprint"),
                Arguments.of(
                        "a truncated body",
                        record("v-9", truncated(validEvent("v-9", 1)), 7),
                        RejectReason.MALFORMED,
                        "corrupt"),
                Arguments.of(
                        "a speed out of range",
                        record(with(validEvent("v-9", 1), e -> e.setSpeedKmh(999.0)), 7),
                        RejectReason.OUT_OF_RANGE,
                        "speedKmh = 999.0"),
                Arguments.of(
                        "a NaN reading",
                        record(with(validEvent("v-9", 1), e -> e.setCoolantTempC(Double.NaN)), 7),
                        RejectReason.OUT_OF_RANGE,
                        "coolantTempC"),
                Arguments.of(
                        "a blank vehicle id",
                        record(
                                "v-9",
                                WIRE.encode(with(validEvent("v-9", 1), e -> e.setVehicleId(" "))),
                                7),
                        RejectReason.MISSING_ID,
                        "vehicleId"),
                Arguments.of(
                        "an event time an hour ahead",
                        record(
                                with(
                                        validEvent("v-9", 1),
                                        e -> e.setEventTime(NOW.plusSeconds(3600).toEpochMilli())),
                                7),
                        RejectReason.FUTURE_TIMESTAMP,
                        "ahead"),
                Arguments.of(
                        "a negative sequence number",
                        record(with(validEvent("v-9", 1), e -> e.setSeq(-1)), 7),
                        RejectReason.BAD_SEQUENCE,
                        "seq"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void eachBadRecordBecomesADeadLetterWithItsReasonAndOriginalBytes(
            String what, ConsumerRecord<byte[], byte[]> record, RejectReason reason, String detail)
            throws Exception {
        openDefault();

        process(record);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters()).hasSize(1);
        DeadLetter letter = deadLetters().get(0);
        assertThat(letter.getReasonCode()).isEqualTo(reason.name());
        assertThat(letter.getDetail()).contains(detail).contains("[at " + TOPIC + "-3@7]");
        assertThat(letter.getStage()).isEqualTo(ValidateTelemetry.STAGE);
        assertThat(letter.getSourceTopic()).isEqualTo(TOPIC);
        assertThat(letter.getVehicleId()).isEqualTo("v-9");
        assertThat(letter.getRejectedAt()).isEqualTo(NOW.toEpochMilli());
        assertThat(letter.getContentType()).isEqualTo(ValidateTelemetry.PAYLOAD_CONTENT_TYPE);
        byte[] original = record.value() == null ? new byte[0] : record.value();
        assertThat(bytes(letter)).isEqualTo(original);
        assertThat(counter(ValidateTelemetry.DEAD_LETTERS_METRIC)).isEqualTo(1);
        assertThat(counter(ValidateTelemetry.VALID_EVENTS_METRIC)).isZero();
    }

    @Test
    void everyViolationOfOneEventIsInTheDetailAndTheFirstNamesTheReason() throws Exception {
        openDefault();
        TelemetryEvent event = validEvent("v-1", 1);
        event.setDriverId("");
        for (Sensor s : Sensor.ALL) {
            s.set(event, s.max() + 1);
        }

        process(record(event, 0));

        DeadLetter letter = deadLetters().get(0);
        assertThat(letter.getReasonCode()).isEqualTo(RejectReason.MISSING_ID.name());
        for (Sensor s : Sensor.ALL) {
            assertThat(letter.getDetail()).contains("OUT_OF_RANGE(" + s.field() + ")");
        }
    }

    @Test
    void countersCountAMixedStream() throws Exception {
        openDefault();
        for (int i = 0; i < 5; i++) {
            process(record(validEvent("v-" + i, i), i));
        }
        process(record("v-x", new byte[] {1}, 10));
        process(record(with(validEvent("v-y", 1), e -> e.setSeq(-5)), 11));
        process(record(validEvent("v-z", 2), 12));

        assertThat(harness.extractOutputValues()).hasSize(6);
        assertThat(deadLetters()).hasSize(2);
        assertThat(counter(ValidateTelemetry.VALID_EVENTS_METRIC)).isEqualTo(6);
        assertThat(counter(ValidateTelemetry.DEAD_LETTERS_METRIC)).isEqualTo(2);
    }

    @Test
    void oldHistoryPassesByDefaultSoTheJobCanReplayIt() throws Exception {
        openDefault();
        TelemetryEvent old =
                with(
                        validEvent("v-1", 1),
                        e -> e.setEventTime(Instant.parse("2019-01-01T00:00:00Z").toEpochMilli()));

        process(record(old, 0));

        assertThat(harness.extractOutputValues()).containsExactly(old);
    }

    @Test
    void optionsSetTheAgeLimitAndTheClockSkew() throws Exception {
        Configuration config = new Configuration();
        config.set(FeatureJobOptions.MAX_EVENT_AGE, Duration.ofDays(1));
        config.set(FeatureJobOptions.MAX_CLOCK_SKEW, Duration.ofHours(2));
        open(ValidateTelemetry.fromConfig(config));
        long now = System.currentTimeMillis();
        TelemetryEvent twoDaysOld =
                with(
                        validEvent("v-1", 1),
                        e -> e.setEventTime(now - Duration.ofDays(2).toMillis()));
        TelemetryEvent anHourAhead =
                with(
                        validEvent("v-2", 1),
                        e -> e.setEventTime(now + Duration.ofHours(1).toMillis()));

        process(record(twoDaysOld, 0));
        process(record(anHourAhead, 1));

        assertThat(deadLetters())
                .extracting(DeadLetter::getReasonCode)
                .containsExactly(RejectReason.STALE_TIMESTAMP.name());
        assertThat(harness.extractOutputValues()).containsExactly(anHourAhead);
    }

    @Test
    void defaultOptionsHaveNoAgeLimitAndFiveMinutesOfSkew() {
        Configuration config = new Configuration();

        assertThat(config.getOptional(FeatureJobOptions.MAX_EVENT_AGE)).isEmpty();
        assertThat(config.get(FeatureJobOptions.MAX_CLOCK_SKEW)).isEqualTo(Duration.ofMinutes(5));
    }

    private static TelemetryEvent with(TelemetryEvent event, Consumer<TelemetryEvent> change) {
        change.accept(event);
        return event;
    }

    private static byte[] withFingerprintFlipped(TelemetryEvent event) {
        byte[] bytes = WIRE.encode(event);
        bytes[4] ^= 0x11;
        return bytes;
    }

    private static byte[] truncated(TelemetryEvent event) {
        byte[] bytes = WIRE.encode(event);
        return java.util.Arrays.copyOf(bytes, bytes.length - 3);
    }

    private static byte[] bytes(DeadLetter letter) {
        byte[] out = new byte[letter.getPayload().remaining()];
        letter.getPayload().duplicate().get(out);
        return out;
    }
}
